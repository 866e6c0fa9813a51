import { handleEsRequest } from '../es-route';

/** Every "/_..." path other than /_security/... (rewritten here by next.config.js). */
export const dynamic = 'force-dynamic';
export const GET = handleEsRequest;
export const POST = handleEsRequest;
export const PUT = handleEsRequest;
export const DELETE = handleEsRequest;
export const HEAD = handleEsRequest;
export const OPTIONS = handleEsRequest;
export const PATCH = handleEsRequest;

import { handleEsRequest } from '@/app/api/es/es-route';

/** /_security/...: served directly (no rewrite), the hot path of the API. */
export const dynamic = 'force-dynamic';
export const GET = handleEsRequest;
export const POST = handleEsRequest;
export const PUT = handleEsRequest;
export const DELETE = handleEsRequest;
export const HEAD = handleEsRequest;
export const OPTIONS = handleEsRequest;
export const PATCH = handleEsRequest;

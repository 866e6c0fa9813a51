import { handleEsRequest } from '@/app/api/es/es-route';

/**
 * POST /_security/profile/_activate, the API's hottest path, on a static route: Next.js matches
 * it without the catch-all's dynamic segment work. The dispatcher behind it is the same.
 */
export const dynamic = 'force-dynamic';
export const GET = handleEsRequest;
export const POST = handleEsRequest;
export const PUT = handleEsRequest;
export const DELETE = handleEsRequest;
export const HEAD = handleEsRequest;
export const OPTIONS = handleEsRequest;
export const PATCH = handleEsRequest;

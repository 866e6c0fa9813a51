/**
 * POST /_security/profile/_activate, the API's hottest path, on a static route: Next.js matches
 * it without the catch-all's dynamic segment work. The dispatcher behind it is the same.
 */
export { GET, POST, PUT, DELETE, HEAD, OPTIONS, PATCH } from '@/app/api/es/es-route';
export const dynamic = 'force-dynamic';

/**
 * /_security/oauth2/token, called for every sign-in and token refresh: a static route, which
 * Next.js matches without the catch-all's dynamic segment work. Same dispatcher behind it.
 */
export { GET, POST, PUT, DELETE, HEAD, OPTIONS, PATCH } from '@/app/api/es/es-route';
export const dynamic = 'force-dynamic';

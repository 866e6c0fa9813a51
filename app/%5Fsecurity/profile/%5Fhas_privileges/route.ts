/**
 * /_security/profile/_has_privileges, called for every privilege check of a profile list: a
 * static route, which Next.js matches without the catch-all's dynamic segment work.
 */
export { GET, POST, PUT, DELETE, HEAD, OPTIONS, PATCH } from '@/app/api/es/es-route';
export const dynamic = 'force-dynamic';

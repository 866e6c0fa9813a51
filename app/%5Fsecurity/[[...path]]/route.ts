/** /_security/...: served directly (no rewrite). */
export { GET, POST, PUT, DELETE, HEAD, OPTIONS, PATCH } from '@/app/api/es/es-route';
export const dynamic = 'force-dynamic';

/** Every "/_..." path other than /_security/... (rewritten here by next.config.js). */
export { GET, POST, PUT, DELETE, HEAD, OPTIONS, PATCH } from '../es-route';
export const dynamic = 'force-dynamic';

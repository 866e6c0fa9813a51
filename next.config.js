/** @type {import('next').NextConfig} */
const nextConfig = {
  // Tests and benchmarks may build into their own directory so parallel builds do not collide.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  reactStrictMode: true,
  poweredByHeader: false,
  // Elasticsearch answers "/_security/user/" itself; no redirect to the slash-less path.
  skipTrailingSlashRedirect: true,
  // Native modules, and the Elasticsearch client loaded once by Node (not bundled per layer).
  serverExternalPackages: ['better-sqlite3', 'bcrypt', '@elastic/elasticsearch', '@elastic/transport'],
  async rewrites() {
    return {
      // GET / is both the console's home and Elasticsearch's root (the clients' info() and ping()).
      // Browsers ask for HTML, and the console's own navigations carry an RSC header; anything
      // else (curl, the official clients) gets Elasticsearch's answer from the API.
      beforeFiles: [
        {
          source: '/',
          missing: [
            { type: 'header', key: 'accept', value: '(?:.*)text/html(?:.*)' },
            { type: 'header', key: 'rsc' },
          ],
          destination: '/api/es',
        },
      ],
      // Every path that begins with "/_" is the Elasticsearch-compatible API. /_security/... has
      // its own route (app/%5Fsecurity); the others, except Next's own /_next, are rewritten to
      // the catch-all, which answers Elasticsearch's "no handler found". As a fallback rewrite
      // it is only tried for paths no route matched, so the API's own routes never pay for it.
      // (Sources match without regard to case: /_Security/... comes here too, as it must, since
      // the route is case-sensitive like Elasticsearch's paths.)
      fallback: [{ source: '/:first(_(?!next(?:/|$))[^/]*)/:rest*', destination: '/api/es/:first/:rest*' }],
    };
  },
};

module.exports = nextConfig;

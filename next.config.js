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
      // Every path that begins with "/_" (except Next's own /_next) is the
      // Elasticsearch-compatible API, answered by one catch-all route handler.
      beforeFiles: [{ source: '/:first(_(?!next(?:/|$))[^/]*)/:rest*', destination: '/api/es/:first/:rest*' }],
    };
  },
};

module.exports = nextConfig;

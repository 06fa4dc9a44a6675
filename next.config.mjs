// Pages get a per-request nonce policy from proxy.ts (lib/security/csp.ts); the API a static one from the same list.
import { API_CONTENT_SECURITY_POLICY } from './lib/security/csp-directives.mjs';

// npm run bench's references inside Next (app/bench/[name]/route.bench.ts) are a route only in the bench's own
// build (scripts/bench.ts sets BENCH_REFERENCES=1, into .next-bench): `next build` leaves them out of the product.
const benchReferences = process.env.BENCH_REFERENCES === '1';

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Lets parallel builds (e.g. two test runs) use separate output folders.
  distDir: process.env.NEXT_DIST_DIR || (benchReferences ? '.next-bench' : '.next'),
  ...(benchReferences ? { pageExtensions: ['bench.ts', 'tsx', 'ts', 'jsx', 'js'] } : {}),
  reactStrictMode: true,
  poweredByHeader: false,
  serverExternalPackages: ['@node-rs/bcrypt', 'mysql2', 'pino', 'pino-pretty', 'prom-client', 'sharp'],
  experimental: {
    // No inlineCss: the stylesheet is sent once as a cached file, not in every page (docs/performance.md).
    // A 2 MiB image travels base64-encoded (×4/3) inside the form, plus the other fields.
    serverActions: { bodySizeLimit: '4mb' },
  },
  async headers() {
    return [
      {
        source: '/api/:path*',
        headers: [
          { key: 'Content-Security-Policy', value: API_CONTENT_SECURITY_POLICY },
          { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
        ],
      },
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
          { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
        ],
      },
    ];
  },
};

export default nextConfig;

// Pages get a per-request nonce policy from proxy.ts (lib/security/csp.ts). API answers are JSON or the
// Swagger UI page (external scripts only), so a static policy without any inline script fits them.
const apiContentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "object-src 'none'",
].join('; ');

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Lets parallel builds (e.g. two test runs) use separate output folders.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  reactStrictMode: true,
  poweredByHeader: false,
  serverExternalPackages: ['@node-rs/bcrypt', 'mysql2', 'pino', 'pino-pretty', 'prom-client', 'sharp'],
  experimental: {
    // The whole stylesheet is ~7 KB gzip (Tailwind): inlined, the first paint needs no second request, so the
    // largest paint no longer waits behind the stylesheet and the scripts on a slow phone connection.
    inlineCss: true,
    // A 2 MiB image travels base64-encoded (×4/3) inside the form, plus the other fields.
    serverActions: { bodySizeLimit: '4mb' },
  },
  async headers() {
    return [
      {
        source: '/api/:path*',
        headers: [
          { key: 'Content-Security-Policy', value: apiContentSecurityPolicy },
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

import type { NextConfig } from 'next'
import { parseOrigins } from './lib/origins'
import { STATIC_SECURITY_HEADERS } from './lib/http/security-headers'

// The extra origins the app's own checks accept (lib/env.ts validates them), for Next.js's checks too: server
// actions match the origin's host (with its port), the dev server's assets its hostname.
const extraOrigins = parseOrigins([process.env.APP_URL, process.env.ALLOWED_ORIGINS].filter(Boolean).join(',')).origins.map((origin) => new URL(origin))

const nextConfig: NextConfig = {
  // Loaded from node_modules at run time: PGlite ships WebAssembly and data files beside its code.
  serverExternalPackages: ['@electric-sql/pglite', 'pg', 'pino'],
  outputFileTracingIncludes: { '/**': ['./supabase/**/*.sql'] },
  poweredByHeader: false,
  // `localhost` is always allowed; its loopback spellings are the same machine.
  allowedDevOrigins: ['127.0.0.1', '[::1]', ...extraOrigins.map((url) => url.hostname)],
  experimental: { serverActions: { allowedOrigins: extraOrigins.map((url) => url.host) } },
  async headers() {
    return [{ source: '/:path*', headers: STATIC_SECURITY_HEADERS }]
  },
}

export default nextConfig

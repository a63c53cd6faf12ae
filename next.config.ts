import type { NextConfig } from 'next'
import { STATIC_SECURITY_HEADERS } from './lib/http/security-headers'

const nextConfig: NextConfig = {
  // Loaded from node_modules at run time: PGlite ships WebAssembly and data files beside its code.
  serverExternalPackages: ['@electric-sql/pglite', 'pg', 'pino'],
  outputFileTracingIncludes: { '/**': ['./supabase/**/*.sql'] },
  poweredByHeader: false,
  async headers() {
    return [{ source: '/:path*', headers: STATIC_SECURITY_HEADERS }]
  },
}

export default nextConfig

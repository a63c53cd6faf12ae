import type { NextConfig } from 'next'

const nextConfig: NextConfig = {
  // Loaded from node_modules at run time: PGlite ships WebAssembly and data files beside its code.
  serverExternalPackages: ['@electric-sql/pglite', 'pg', 'pino'],
  outputFileTracingIncludes: { '/**': ['./supabase/**/*.sql'] },
  poweredByHeader: false,
}

export default nextConfig

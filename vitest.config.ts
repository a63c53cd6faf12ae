import path from 'node:path'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: {
    alias: {
      '@': path.resolve(import.meta.dirname),
      // `server-only` throws outside React Server Components; tests run the server code directly.
      'server-only': path.resolve(import.meta.dirname, 'test/server-only.ts'),
    },
  },
  test: {
    include: ['lib/**/*.test.ts', 'test/**/*.test.ts', 'stripe-emulator/**/*.test.ts'],
    environment: 'node',
    env: { LOG_LEVEL: 'silent' },
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
})

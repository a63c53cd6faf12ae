import path from 'node:path'
import { defineConfig } from 'vitest/config'

// Vitest 5's reporter prints failures with Map.groupBy, which Node 20 lacks (it arrived in Node 21).
if (!('groupBy' in Map)) {
  Object.defineProperty(Map, 'groupBy', {
    value<K, T>(items: Iterable<T>, key: (item: T, index: number) => K): Map<K, T[]> {
      const groups = new Map<K, T[]>()
      let index = 0
      for (const item of items) {
        const group = key(item, index++)
        groups.set(group, [...(groups.get(group) ?? []), item])
      }
      return groups
    },
  })
}

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
    globalSetup: ['test/global-setup.ts'],
    // The suite's own webhook signing secret and data folder, as a deployment would configure them; the
    // PostgreSQL pass, which the test command runs beside the PGlite pass, has a folder of its own.
    env: {
      LOG_LEVEL: 'silent',
      STRIPE_WEBHOOK_SECRET: 'whsec_test_suite_signing_secret',
      AUDIT_HASH_KEY: 'test-suite-audit-hash-key-0123456789abcdef',
      METRICS_TOKEN: 'test-suite-metrics-token',
      CRON_SECRET: 'test-suite-cron-secret',
      DATA_DIR: process.env.TEST_DATABASE_URL ? '.data/vitest-postgres' : '.data/vitest',
    },
    pool: 'forks',
    // Files share a worker one after another; each sets its own database and Stripe client in beforeAll.
    isolate: false,
    // `vitest run --coverage` (the test command's PGlite pass) measures lib/ and fails under 85 % of lines.
    coverage: {
      provider: 'v8',
      include: ['lib/**/*.ts'],
      exclude: ['lib/**/*.test.ts'],
      reporter: ['text-summary'],
      thresholds: { lines: 85 },
    },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
})

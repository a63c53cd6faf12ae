import { defineConfig } from '@playwright/test'
import { CHROMIUM_FLAGS, findChromium } from './e2e/browser'

export const APP_PORT = 3100
const browser = findChromium()
// Configured as a deployment would: the emulator must sign with the secret the app verifies with.
const E2E_WEBHOOK_SECRET = 'whsec_e2e_configured_signing_secret'
export const E2E_METRICS_TOKEN = 'e2e-metrics-token-0123456789'
export const E2E_CRON_SECRET = 'e2e-cron-secret-0123456789'

// Runs against the production build (`next build` first) with the Stripe emulator, on a fresh data folder,
// trusting a proxy's forwarded host as on Vercel (the specs reach it directly and through a proxy).
export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${APP_PORT}`,
    launchOptions: { executablePath: browser?.kind === 'system' ? browser.executablePath : undefined, args: CHROMIUM_FLAGS },
    trace: 'off',
  },
  webServer: {
    command: 'rm -rf .data/e2e && node_modules/.bin/tsx scripts/start.ts',
    url: `http://localhost:${APP_PORT}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    env: { PORT: String(APP_PORT), DATA_DIR: '.data/e2e', STRIPE_EMULATOR_URL: 'http://127.0.0.1:12199', STRIPE_WEBHOOK_SECRET: E2E_WEBHOOK_SECRET, NEXT_TELEMETRY_DISABLED: '1', LOG_LEVEL: 'warn', JOB_SCHEDULER: 'external', TRUST_PROXY: 'on', METRICS_TOKEN: E2E_METRICS_TOKEN, CRON_SECRET: E2E_CRON_SECRET },
  },
})

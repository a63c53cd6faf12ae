import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'

/** Runs `npm start`'s script with only the given settings, as a fresh deployment would. */
function start(settings: Record<string, string>) {
  const env: NodeJS.ProcessEnv = { NODE_ENV: 'production', PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: `${process.env.DATA_DIR}/start-refusal`, ...settings }
  return spawnSync('node_modules/.bin/tsx', ['scripts/start.ts'], { env, encoding: 'utf8', timeout: 30_000 })
}

describe('npm start refuses a deployment that would let anyone in', () => {
  it('stops with the reason when a Stripe test key has neither Supabase Auth nor DEMO_SIGN_IN=on', () => {
    const result = start({ STRIPE_SECRET_KEY: 'sk_test_123', STRIPE_WEBHOOK_SECRET: 'whsec_123' })
    expect(result.status).not.toBe(0)
    expect(result.stderr).toContain('set DEMO_SIGN_IN=on to choose demo sign-in')
  })

  it('stops with the reason for a live key without Supabase Auth', () => {
    const result = start({ STRIPE_SECRET_KEY: 'sk_live_123', STRIPE_WEBHOOK_SECRET: 'whsec_123', DEMO_SIGN_IN: 'on' })
    expect(result.status).not.toBe(0)
    expect(result.stderr).toContain('demo sign-in cannot run with a live Stripe key')
  })
})

import { spawn } from 'node:child_process'
import { rmSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

const DATA_DIR = `${process.env.DATA_DIR}/job-script`

/** Runs `npm run job -- NAME` as a shell would, with only the given settings; resolves its exit code and JSON lines. */
function runJob(name: string, settings: Record<string, string> = {}): Promise<{ code: number | null; lines: Record<string, unknown>[] }> {
  const env: NodeJS.ProcessEnv = { NODE_ENV: 'production', PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR, PORT: '3998', STRIPE_EMULATOR_URL: 'http://127.0.0.1:9', ...settings }
  const child = spawn('node_modules/.bin/tsx', ['--conditions=react-server', 'scripts/job.ts', name], { env })
  let output = ''
  child.stdout.on('data', (chunk) => (output += chunk))
  return new Promise((resolve) => {
    child.on('exit', (code) => {
      const lines = output.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, unknown>)
      resolve({ code, lines })
    })
  })
}

// The script opens its own database, so the PostgreSQL pass has nothing to add.
describe.skipIf(process.env.TEST_DATABASE_URL)('npm run job', () => {
  it('runs a registered job once, logs JSON lines and exits 0', async () => {
    rmSync(DATA_DIR, { recursive: true, force: true })
    const { code, lines } = await runJob('grace-periods')
    expect(code).toBe(0)
    expect(lines.at(-1)).toMatchObject({ job: 'grace-periods', msg: 'job succeeded', via: 'shell', counts: { expired: 0 } })
  }, 120_000) // a fresh embedded database is migrated first

  it('exits 1 naming the job when it fails, and 2 for a name the registry does not know', async () => {
    const failed = await runJob('notifications', { DATABASE_URL: 'postgresql://nobody@127.0.0.1:9/none', AUDIT_HASH_KEY: 'a'.repeat(32) })
    expect(failed.code).toBe(1)
    expect(failed.lines.at(-1)).toMatchObject({ job: 'notifications', msg: 'job failed' })
    const unknown = await runJob('no-such-job')
    expect(unknown.code).toBe(2)
    expect(unknown.lines.at(-1)).toMatchObject({ jobs: ['webhook-retry', 'grace-periods', 'notifications'] })
  }, 60_000)
})

import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { runOnServer, serverUrlFor } from '@/test/database'

/** `npm run db:migrate` as the deploy guide runs it: DATABASE_URL and AUDIT_HASH_KEY, nothing else. */
function migrateScript(databaseUrl: string) {
  const env: NodeJS.ProcessEnv = { NODE_ENV: 'production', PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATABASE_URL: databaseUrl, AUDIT_HASH_KEY: 'k'.repeat(40) }
  return spawnSync('npm', ['run', '-s', 'db:migrate'], { env, encoding: 'utf8', timeout: 120_000 })
}

describe.skipIf(!process.env.TEST_DATABASE_URL)('npm run db:migrate against PostgreSQL', () => {
  it('applies every migration once, and nothing on a second run', async () => {
    const name = `billing_migrate_${randomBytes(4).toString('hex')}`
    await runOnServer(`create database ${name}`)
    try {
      const first = migrateScript(serverUrlFor({ database: name }))
      expect(first.status, first.stderr).toBe(0)
      expect(first.stdout).toMatch(/migrations: (\d+) applied now, \1 in total \(postgres\)/)
      const second = migrateScript(serverUrlFor({ database: name }))
      expect(second.stdout).toMatch(/migrations: 0 applied now, \d+ in total \(postgres\)/)
    } finally {
      await runOnServer(`drop database if exists ${name} with (force)`)
    }
  }, 180_000)
})

import { mkdtempSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { readOrCreateLocalSecret } from './local-secret'

const newDataDir = () => mkdtempSync(path.join(tmpdir(), 'billing-secrets-'))

describe('secrets kept under DATA_DIR', () => {
  it('creates a random secret readable only by its owner, and returns the same one after a restart', () => {
    const dataDir = newDataDir()
    const secret = readOrCreateLocalSecret(dataDir, 'demo-session-secret')
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(statSync(path.join(dataDir, 'secrets', 'demo-session-secret')).mode & 0o777).toBe(0o600)
    expect(readOrCreateLocalSecret(dataDir, 'demo-session-secret')).toBe(secret)
  })

  it('differs between installs', () => {
    expect(readOrCreateLocalSecret(newDataDir(), 'demo-session-secret')).not.toBe(readOrCreateLocalSecret(newDataDir(), 'demo-session-secret'))
  })

  it('gives every concurrent first caller the same secret', async () => {
    const dataDir = newDataDir()
    const secrets = await Promise.all(Array.from({ length: 20 }, async () => readOrCreateLocalSecret(dataDir, 'race')))
    expect(new Set(secrets).size).toBe(1)
  })
})

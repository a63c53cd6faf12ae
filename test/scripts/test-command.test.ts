import { spawn } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'

/**
 * `npm test` on a machine of our making: a PATH holding this machine's commands minus the hidden ones, with
 * the passes (`npx …`) and the monitoring tools as stand-ins that only write down that they ran, so the
 * order of provisioning and passes shows in seconds. apt-get is always hidden: nothing gets installed here; so is
 * a Chromium headless shell, which the test command would prefer to the stand-in `chromium`.
 */
interface Machine {
  hide?: string[]
  fake?: string[]
  env?: Record<string, string>
}

const folders: string[] = []
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})

function makePath(machine: Machine, calls: string): string {
  const bin = mkdtempSync(path.join(tmpdir(), 'test-command-bin-'))
  folders.push(bin)
  const hidden = new Set(['apt-get', 'chromium-headless-shell', ...(machine.hide ?? [])])
  for (const fake of ['npx', ...(machine.fake ?? [])]) {
    writeFileSync(path.join(bin, fake), `#!/bin/sh\necho "${fake} $*" >> "${calls}"\n[ "$1" = --version ] && echo "${fake} version 0.0.0"\nexit 0\n`)
    chmodSync(path.join(bin, fake), 0o755)
    hidden.add(fake)
  }
  for (const folder of (process.env.PATH ?? '').split(':').filter((entry) => entry && existsSync(entry))) {
    for (const name of readdirSync(folder)) {
      if (hidden.has(name) || existsSync(path.join(bin, name))) continue
      symlinkSync(path.join(folder, name), path.join(bin, name))
    }
  }
  return bin
}

function runTestCommand(machine: Machine): Promise<{ code: number | null; output: string; calls: string[]; seconds: number }> {
  const work = mkdtempSync(path.join(tmpdir(), 'test-command-'))
  folders.push(work)
  const calls = path.join(work, 'calls.log')
  writeFileSync(calls, '')
  const env: NodeJS.ProcessEnv = { NODE_ENV: 'production', PATH: makePath(machine, calls), HOME: process.env.HOME ?? '', PLAYWRIGHT_BROWSERS_PATH: work, ...machine.env }
  const started = performance.now()
  const child = spawn('bash', ['scripts/test.sh'], { env })
  let output = ''
  child.stdout.on('data', (chunk) => (output += chunk))
  child.stderr.on('data', (chunk) => (output += chunk))
  return new Promise((resolve) => {
    child.on('exit', (code) => {
      const ran = readFileSync(calls, 'utf8').trim().split('\n').filter(Boolean)
      resolve({ code, output, calls: ran, seconds: (performance.now() - started) / 1000 })
    })
  })
}

const PASSES = /^npx (vitest|eslint|tsc|next|playwright test)|^(promtool|amtool) check|^promtool test/
const TOOLS = ['promtool', 'prometheus', 'amtool', 'chromium']

// Spawns whole shells; the PGlite pass runs it once.
describe.skipIf(process.env.TEST_DATABASE_URL)('the test command on a fresh machine', () => {
  it('provisions every tool before any pass starts, the PostgreSQL pass included, each saying what it found', async () => {
    const run = await runTestCommand({ fake: TOOLS })
    expect(run.code, run.output).toBe(0)
    const lastProvisioning = run.calls.indexOf('chromium --version')
    const firstPass = run.calls.findIndex((call) => PASSES.test(call))
    expect(lastProvisioning, run.calls.join('\n')).toBeGreaterThanOrEqual(0)
    expect(firstPass).toBeGreaterThan(lastProvisioning)
    expect(run.calls.filter((call) => call.startsWith('npx vitest'))).toHaveLength(2)
    expect(run.output).toMatch(/^provision: PostgreSQL [\d.]+ server at /m)
    expect(run.output).toMatch(/^provision: promtool and prometheus 0\.0\.0 at /m)
    expect(run.output).toMatch(/^provision: amtool at /m)
    expect(run.output).toMatch(/^provision: browser: using the system's Chromium at .*chromium \(chromium version 0\.0\.0\)/m)
    expect(run.output).toMatch(/all checks passed in \d+s/)
  }, 60_000)

  it('stops before any pass, naming what to install, where promtool, amtool and Chromium are missing and nothing can be installed', async () => {
    const run = await runTestCommand({ hide: TOOLS })
    expect(run.code).not.toBe(0)
    expect(run.calls.filter((call) => PASSES.test(call))).toEqual([])
    expect(run.output).toMatch(/promtool and prometheus \(Debian\/Ubuntu: apt-get install prometheus/)
    expect(run.output).toMatch(/amtool \(Debian\/Ubuntu: apt-get install prometheus-alertmanager/)
    expect(run.output).toMatch(/a Chromium \(npx playwright install --with-deps chromium, or apt-get install chromium\)/)
    expect(run.seconds).toBeLessThan(60)
  }, 60_000)

  it('says the PostgreSQL pass was skipped, never that all passed, without a server; under CI=true that is a failure', async () => {
    const noServer = { fake: TOOLS, env: { PG_BIN: '/nonexistent' } }
    const run = await runTestCommand(noServer)
    expect(run.code, run.output).toBe(0)
    expect(run.output).toContain('provision: no PostgreSQL server: the PostgreSQL pass will be skipped')
    expect(run.output).toMatch(/checks passed in \d+s, but 1 skipped:\n {2}- database tests \(PostgreSQL\): no PostgreSQL server installed/)
    expect(run.output).not.toContain('all checks passed')

    const onCi = await runTestCommand({ ...noServer, env: { ...noServer.env, CI: 'true' } })
    expect(onCi.code).not.toBe(0)
    expect(onCi.calls.filter((call) => PASSES.test(call))).toEqual([])
    expect(onCi.output).toMatch(/ {2}- a PostgreSQL server \(Debian\/Ubuntu: apt-get install postgresql/)
  }, 60_000)
})

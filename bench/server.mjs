// What the benchmarks share: the production app's settings, running a build step, waiting for a server.
import { spawnSync } from 'node:child_process'
import { setTimeout as sleep } from 'node:timers/promises'

export const SECRET = 'whsec_bench_signing_secret'

export const env = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: '1',
  BENCH_WEBHOOK_SECRET: SECRET,
  STRIPE_WEBHOOK_SECRET: SECRET,
  LOG_LEVEL: 'info',
  AUDIT_HASH_KEY: 'bench-audit-hash-key-0123456789abcdef',
}

export const bin = (name) => `node_modules/.bin/${name}`

export function runOrFail(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit', env })
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed`)
}

export async function waitForPort(url) {
  for (let tries = 0; tries < 300; tries++) {
    try {
      await fetch(url, { method: 'POST', body: '{}' })
      return
    } catch {
      await sleep(100)
    }
  }
  throw new Error(`${url} did not come up`)
}

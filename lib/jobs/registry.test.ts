import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { intervalMs, JOBS, nextRunAt } from './registry'

describe('the job registry', () => {
  it('is what vercel.json schedules', () => {
    const { crons } = JSON.parse(readFileSync('vercel.json', 'utf8')) as { crons: { path: string; schedule: string }[] }
    expect(crons).toEqual(JOBS.map((job) => ({ path: job.path, schedule: job.schedule })))
  })

  it('is what k8s/cronjobs schedules: one manifest per job, never two runs at once', () => {
    expect(readdirSync('k8s/cronjobs').sort()).toEqual(JOBS.map((job) => `${job.name}.yaml`).sort())
    for (const job of JOBS) {
      const manifest = readFileSync(`k8s/cronjobs/${job.name}.yaml`, 'utf8')
      expect(manifest).toMatch(/^kind: CronJob$/m)
      expect(manifest).toContain(`  schedule: "${job.schedule}"\n`)
      expect(manifest).toMatch(/^ {2}timeZone: Etc\/UTC$/m)
      expect(manifest).toMatch(/^ {2}concurrencyPolicy: Forbid$/m)
      expect(manifest).toContain(`"$(APP_URL)${job.path}"`)
    }
  })

  it("is what the deploy guide's pg_cron SQL schedules, each call carrying the cron secret", () => {
    const guide = readFileSync('docs/deploying.md', 'utf8')
    const scheduled = [...guide.matchAll(/cron\.schedule\('billing-([a-z-]+)', '([^']+)', \$\$([\s\S]*?)\$\$\)/g)].map(([, name, schedule, call]) => ({
      name,
      schedule,
      path: /url := 'https:\/\/<your-app>(\/[^']+)'/.exec(call!)?.[1],
      bearer: call!.includes("'Bearer ' ||") && call!.includes("name = 'billing_cron_secret'"),
    }))
    expect(scheduled).toEqual(JOBS.map((job) => ({ name: job.name, schedule: job.schedule, path: job.path, bearer: true })))
  })

  it('gives every job an allowance longer than its interval, so one missed run is not yet late', () => {
    for (const job of JOBS) expect(job.lateAfterMs).toBeGreaterThan(intervalMs(job.schedule))
  })

  it('knows when each schedule fires next, in UTC', () => {
    const from = new Date('2026-11-26T02:58:30Z')
    expect(nextRunAt('*/5 * * * *', from).toISOString()).toBe('2026-11-26T03:00:00.000Z')
    expect(nextRunAt('0 3 * * *', from).toISOString()).toBe('2026-11-26T03:00:00.000Z')
    expect(nextRunAt('0 3 * * *', new Date('2026-11-26T03:00:00Z')).toISOString()).toBe('2026-11-27T03:00:00.000Z')
  })
})

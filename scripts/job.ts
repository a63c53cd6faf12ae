// npm run job -- NAME – runs one scheduled job once from a shell, logging JSON lines; exits 1 when it failed.
// With the embedded database, which belongs to the running app, it asks that app to run the job through its
// cron route; with DATABASE_URL, or when no app is running, it runs the job here.
import { getDb } from '@/lib/db/client'
import { env } from '@/lib/env'
import { findJob, JOB_NAMES, type JobDefinition } from '@/lib/jobs/registry'
import { JOB_RUNNERS } from '@/lib/cron/run'
import { logger } from '@/lib/log'

async function runThroughApp(job: JobDefinition): Promise<Record<string, unknown> | null> {
  const headers: Record<string, string> = env.CRON_SECRET ? { authorization: `Bearer ${env.CRON_SECRET}` } : {}
  let response: Response
  try {
    response = await fetch(new URL(job.path, `http://127.0.0.1:${env.PORT}`), { headers, signal: AbortSignal.timeout(120_000) })
  } catch {
    return null // no app listening: the embedded database is free to open here
  }
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>
  if (!response.ok) throw new Error(`the app answered ${response.status}: ${JSON.stringify(body)}`)
  return body
}

async function main(): Promise<number> {
  const job = findJob(process.argv[2] ?? '')
  if (!job) {
    logger.error({ job: process.argv[2] ?? null, jobs: JOB_NAMES }, 'unknown job: name one of the registered jobs')
    return 2
  }
  const started = Date.now()
  try {
    const viaApp = env.DATABASE_URL ? null : await runThroughApp(job)
    const counts = viaApp ?? (await runHere(job))
    logger.info({ job: job.name, counts, via: viaApp ? 'app' : 'shell', durationMs: Date.now() - started }, 'job succeeded')
    return 0
  } catch (error) {
    logger.error({ job: job.name, err: error, durationMs: Date.now() - started }, 'job failed')
    return 1
  }
}

async function runHere(job: JobDefinition) {
  try {
    return await JOB_RUNNERS[job.name]()
  } finally {
    await (await getDb()).close()
  }
}

// Set rather than exit at once: an exit while a log line is still being written to a slow pipe loses the line.
process.exitCode = await main()

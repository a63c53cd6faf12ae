// npm run smoke -- --base-url URL [--production] – checks a deployment end to end and exits non-zero on any
// failure. Without --production it acts as its own smoke customer in Stripe test mode (never live); with it,
// it only reads, as after each production deploy.
import { createContext } from './smoke/context'
import { parseSmokeOptions, SmokeUsageError } from './smoke/options'
import { runChecks } from './smoke/report'
import { productionChecks, testModeChecks } from './smoke/suites'

async function main(): Promise<number> {
  const options = parseSmokeOptions(process.argv.slice(2), process.env)
  const ctx = createContext(options)
  if (!options.production && options.metricsToken) {
    const health = await ctx.health().catch(() => null)
    if (health?.body.stripe === 'live') throw new SmokeUsageError('the deployment runs on live-mode Stripe: only --production (read-only) may run against it')
  }
  const mode = options.production ? 'production, read-only' : 'test mode, as the smoke customer'
  console.log(`smoke: ${options.baseUrl.origin} (${mode}), run ${ctx.runId}`)
  const started = performance.now()
  const summary = await runChecks(options.production ? productionChecks(ctx) : testModeChecks(ctx))
  const took = ((performance.now() - started) / 1000).toFixed(1)
  const failed = summary.failed.length > 0 ? `, ${summary.failed.length} failed (${summary.failed.join(', ')})` : ''
  console.log(`smoke: ${summary.passed} passed${summary.skipped ? `, ${summary.skipped} skipped` : ''}${failed} in ${took} s`)
  return summary.failed.length > 0 ? 1 : 0
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`smoke: ${error instanceof Error ? error.message : String(error)}`)
    process.exit(error instanceof SmokeUsageError ? 2 : 1)
  },
)

// Runs the checks one after another and prints a line each, then a summary.

export interface Check {
  name: string
  /** Resolves with a short note of what was seen; throws to fail, or SmokeSkip when there is nothing to check. */
  run: () => Promise<string | void>
}

export class SmokeSkip extends Error {}

export interface Summary {
  passed: number
  failed: string[]
  skipped: number
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`.padStart(8)

export async function runChecks(checks: Check[], print: (line: string) => void = console.log): Promise<Summary> {
  const summary: Summary = { passed: 0, failed: [], skipped: 0 }
  const width = Math.max(...checks.map((check, index) => `${index + 1}. ${check.name}`.length))
  for (const [index, check] of checks.entries()) {
    const label = `${index + 1}. ${check.name}`.padEnd(width)
    const started = performance.now()
    try {
      const note = await check.run()
      summary.passed++
      print(`  pass  ${label} ${seconds(performance.now() - started)}${note ? `  ${note}` : ''}`)
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      if (error instanceof SmokeSkip) {
        summary.skipped++
        print(`  skip  ${label} ${seconds(performance.now() - started)}  ${message}`)
      } else {
        summary.failed.push(check.name)
        print(`  FAIL  ${label} ${seconds(performance.now() - started)}  ${message}`)
      }
    }
  }
  return summary
}

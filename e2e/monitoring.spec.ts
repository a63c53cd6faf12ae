import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { E2E_METRICS_TOKEN } from '../playwright.config'

const PROMETHEUS = 'http://127.0.0.1:19090'

/** Every metric name the alert rules and the dashboard query. */
function metricsInUse(): string[] {
  const sources = readFileSync('monitoring/alerts.yml', 'utf8') + readFileSync('monitoring/grafana-dashboard.json', 'utf8')
  return [...new Set(sources.match(/\b(?:stripe|webhook|grace|billing|cron|http|database)_[a-z_]+|\bup(?=\{)/g) ?? [])].sort()
}

test.describe('a real Prometheus scraping the production build', () => {
  let prometheus: ChildProcess
  let folder: string

  test.beforeAll(async ({ baseURL }) => {
    folder = mkdtempSync(path.join(tmpdir(), 'billing-prometheus-'))
    const target = new URL(baseURL!)
    writeFileSync(
      path.join(folder, 'prometheus.yml'),
      `global: { scrape_interval: 1s }
rule_files: [${JSON.stringify(path.resolve('monitoring/alerts.yml'))}]
scrape_configs:
  - job_name: billing-console
    metrics_path: /api/metrics
    authorization: { type: Bearer, credentials: ${JSON.stringify(E2E_METRICS_TOKEN)} }
    static_configs: [{ targets: ['${target.host}'] }]
`,
    )
    prometheus = spawn('prometheus', [`--config.file=${folder}/prometheus.yml`, `--storage.tsdb.path=${folder}/data`, '--web.listen-address=127.0.0.1:19090'], { stdio: 'ignore' })
  })
  test.afterAll(() => {
    prometheus?.kill()
    rmSync(folder, { recursive: true, force: true })
  })

  test('scrapes /api/metrics with its bearer token, and finds every series the alerts and the dashboard use', async ({ request }) => {
    await expect
      .poll(async () => {
        const response = await request.get(`${PROMETHEUS}/api/v1/targets`).catch(() => null)
        const body = response?.ok() ? await response.json() : null
        return body?.data.activeTargets[0]?.health
      }, { timeout: 30_000 })
      .toBe('up')
    const names = metricsInUse()
    expect(names.length).toBeGreaterThan(15)
    // A series, or for a labelled counter nothing has raised yet (server errors by route), its scraped metadata.
    const metadata = (await (await request.get(`${PROMETHEUS}/api/v1/metadata`)).json()).data as Record<string, unknown>
    const missing: string[] = []
    for (const name of names) {
      const found = await (await request.get(`${PROMETHEUS}/api/v1/series`, { params: { 'match[]': name } })).json()
      if (found.data.length === 0 && !(name in metadata)) missing.push(name)
    }
    expect(missing).toEqual([])
    const rules = await (await request.get(`${PROMETHEUS}/api/v1/rules`)).json()
    expect(rules.data.groups.flatMap((group: { rules: unknown[] }) => group.rules)).toHaveLength(10)
  })
})

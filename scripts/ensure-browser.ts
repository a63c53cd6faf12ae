// Makes sure the browser tests have a Chromium: Playwright's own, else the system's, else it installs one
// (Playwright's download, then Debian's package when running as root with apt). Says what it does in one line.
import { spawnSync } from 'node:child_process'
import { findChromium, type BrowserChoice } from '../e2e/browser'

/** Runs quietly; on failure prints the last lines of what the command said. */
function run(command: string, args: string[]): boolean {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 10 * 60_000, env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } })
  if (result.status === 0) return true
  const said = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').slice(-3).join('\n  ')
  console.log(`provision: browser: \`${command} ${args.join(' ')}\` failed${said ? `:\n  ${said}` : ''}`)
  return false
}

function describe(choice: NonNullable<BrowserChoice>): string {
  if (choice.kind === 'playwright') return "Playwright's own Chromium"
  const version = spawnSync(choice.executablePath, ['--version'], { encoding: 'utf8', timeout: 30_000 }).stdout?.trim()
  return `the system's Chromium at ${choice.executablePath}${version ? ` (${version})` : ''}`
}

function install(): BrowserChoice {
  console.log('provision: browser: no Chromium found; trying `npx playwright install chromium`')
  if (run('npx', ['playwright', 'install', 'chromium'])) return findChromium()
  const asRootWithApt = process.getuid?.() === 0 && spawnSync('sh', ['-c', 'command -v apt-get']).status === 0
  if (!asRootWithApt) return null
  console.log("provision: browser: Playwright's download failed; installing Debian's Chromium headless shell with apt-get")
  if (!run('apt-get', ['update', '-qq'])) return null
  // Debian packages the headless shell on its own (bookworm on); elsewhere the full browser.
  if (!run('apt-get', ['install', '-y', '-qq', 'chromium-headless-shell']) && !run('apt-get', ['install', '-y', '-qq', 'chromium'])) return null
  return findChromium()
}

const found = findChromium()
if (found) {
  console.log(`provision: browser: using ${describe(found)}`)
} else {
  const installed = install()
  if (!installed) {
    console.error('provision: browser: no Chromium found, and none could be installed')
    process.exit(1)
  }
  console.log(`provision: browser: installed; using ${describe(installed)}`)
}

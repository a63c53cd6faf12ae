// Makes sure the browser tests have a Chromium: Playwright's own, else the system's, else it installs one
// (Playwright's download, then Debian's package when running as root with apt). Says what it does in one line.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { findChromium, type BrowserChoice } from '../e2e/browser'

/** Runs quietly; on failure prints the last lines of what the command said. */
function run(command: string, args: string[]): boolean {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 10 * 60_000, env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } })
  if (result.status === 0) return true
  const said = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').slice(-3).join('\n  ')
  console.log(`browser: \`${command} ${args.join(' ')}\` failed${said ? `:\n  ${said}` : ''}`)
  return false
}

function describe(choice: NonNullable<BrowserChoice>): string {
  return choice.kind === 'playwright' ? "Playwright's own Chromium" : `the system's Chromium at ${choice.executablePath}`
}

function install(): BrowserChoice {
  console.log('browser: no Chromium found; trying `npx playwright install chromium`')
  if (run('npx', ['playwright', 'install', 'chromium'])) return findChromium()
  const asRootWithApt = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')
  if (!asRootWithApt) return null
  console.log("browser: Playwright's download failed; installing Debian's chromium package with apt-get")
  if (!run('apt-get', ['update', '-qq']) || !run('apt-get', ['install', '-y', '-qq', 'chromium'])) return null
  return findChromium()
}

const found = findChromium()
if (found) {
  console.log(`browser: using ${describe(found)}`)
} else {
  const installed = install()
  if (!installed) {
    console.error(
      'browser: no Chromium could be installed. Install one and run the tests again:\n' +
        '  npx playwright install --with-deps chromium     (where Playwright can download)\n' +
        '  sudo apt-get install chromium                    (Debian, Ubuntu)',
    )
    process.exit(1)
  }
  console.log(`browser: installed; using ${describe(installed)}`)
}

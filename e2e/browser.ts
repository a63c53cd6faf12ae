import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { chromium } from '@playwright/test'

/** Flags this project runs Chromium with: headless in a sandboxed container with no outside network. */
export const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic']

// The headless shell first: Playwright runs its own headless tests in one, and it needs less CPU than the full
// browser in headless mode.
const SYSTEM_CHROMIUMS = ['chromium-headless-shell', 'chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome']

export type BrowserChoice = { kind: 'playwright' } | { kind: 'system'; executablePath: string } | null

function onPath(command: string): string | null {
  try {
    return execFileSync('which', [command], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || null
  } catch {
    return null
  }
}

/** The Chromium the browser tests use: Playwright's own when installed, else the system's, else none. */
export function findChromium(): BrowserChoice {
  if (existsSync(chromium.executablePath())) return { kind: 'playwright' }
  for (const command of SYSTEM_CHROMIUMS) {
    const executablePath = onPath(command)
    if (executablePath) return { kind: 'system', executablePath }
  }
  return null
}

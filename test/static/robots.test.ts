import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

/** The rules of robots.txt's group for every crawler (`User-agent: *`), as [field, path] pairs. */
function rulesForEveryCrawler(text: string): [string, string][] {
  const rules: [string, string][] = []
  let inGroup = false
  for (const line of text.split('\n').map((raw) => raw.replace(/#.*/, '').trim()).filter(Boolean)) {
    const [field, ...rest] = line.split(':')
    const name = field!.trim().toLowerCase()
    const value = rest.join(':').trim()
    if (name === 'user-agent') inGroup = value === '*'
    else if (inGroup) rules.push([name, value])
  }
  return rules
}

/** Whether a crawler may fetch `path`: the longest matching rule decides, Allow winning a tie (RFC 9309). */
function allowed(rules: [string, string][], path: string): boolean {
  const matching = rules.filter(([field, prefix]) => (field === 'allow' || field === 'disallow') && prefix !== '' && path.startsWith(prefix))
  if (matching.length === 0) return true
  const longest = Math.max(...matching.map(([, prefix]) => prefix.length))
  return matching.some(([field, prefix]) => field === 'allow' && prefix.length === longest)
}

describe('robots.txt', () => {
  const rules = rulesForEveryCrawler(readFileSync('public/robots.txt', 'utf8'))

  it('keeps every crawler out of the portal, the admin console and the API', () => {
    for (const path of ['/', '/sign-in', '/billing', '/billing?invoices=abc', '/admin/audit', '/api/billing/usage', '/api/health']) {
      expect(allowed(rules, path), path).toBe(false)
    }
  })
})

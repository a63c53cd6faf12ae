import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { EVENT_HANDLERS } from './index'

describe('the deploy guide', () => {
  it('tells operators to subscribe the webhook endpoint to exactly the events the app handles', () => {
    const guide = readFileSync('docs/deploying.md', 'utf8')
    const list = /<!-- webhook-events[^>]*-->([\s\S]*?)<!-- \/webhook-events -->/.exec(guide)?.[1] ?? ''
    const documented = [...list.matchAll(/`([a-z_.]+)`/g)].map((match) => match[1]).sort()
    expect(documented).toEqual(Object.keys(EVENT_HANDLERS).sort())
  })
})

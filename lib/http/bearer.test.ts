import { describe, expect, it } from 'vitest'
import { authorizeBearer } from './bearer'

describe('bearer authorization for cron and metrics', () => {
  it('accepts exactly the configured secret', () => {
    expect(() => authorizeBearer('Bearer s3cret-value', 's3cret-value', 'cron')).not.toThrow()
  })

  it.each([null, '', 'Bearer wrong', 'Bearer s3cret-valu', 'Bearer s3cret-value2', 's3cret-value', 'Basic s3cret-value'])(
    'refuses %j with 401',
    (header) => {
      expect(() => authorizeBearer(header, 's3cret-value', 'cron')).toThrow(expect.objectContaining({ status: 401, code: 'unauthorized' }))
    },
  )

  it('refuses in production when no secret is configured, and allows it locally', () => {
    expect(() => authorizeBearer(null, undefined, 'cron', true)).toThrow(expect.objectContaining({ status: 503 }))
    expect(() => authorizeBearer(null, undefined, 'cron', false)).not.toThrow()
  })
})

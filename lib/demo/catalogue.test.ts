import { describe, expect, it } from 'vitest'
import { DEMO_ACCOUNTS } from './catalogue'

describe('the demo accounts', () => {
  it('each have an id and an email of their own', () => {
    const ids = DEMO_ACCOUNTS.map((account) => account.id)
    const emails = DEMO_ACCOUNTS.map((account) => account.email)
    expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([])
    expect(emails.filter((email, index) => emails.indexOf(email) !== index)).toEqual([])
  })
})

import { describe, expect, it } from 'vitest'
import { changedFields, changeTexts } from './changed-fields'

describe('changed fields of an audit entry', () => {
  it('lists only the fields whose values differ', () => {
    expect(changedFields({ status: 'open', total: 500, metadata: { a: '1' } }, { status: 'paid', total: 500, metadata: { a: '1' } })).toEqual([
      { field: 'status', from: 'open', to: 'paid' },
    ])
  })

  it('lists every field of something new, and fields that appear or vanish', () => {
    expect(changedFields(null, { name: 'Pro' })).toEqual([{ field: 'name', from: undefined, to: 'Pro' }])
    expect(changedFields({ a: 1 }, { b: 2 })).toEqual([
      { field: 'a', from: 1, to: undefined },
      { field: 'b', from: undefined, to: 2 },
    ])
  })

  it('compares values that are not records as a whole', () => {
    expect(changedFields('dead', 'received')).toEqual([{ field: '', from: 'dead', to: 'received' }])
    expect(changedFields(null, null)).toEqual([])
  })

  it('gives each side as text: absent as —, a document as indented JSON', () => {
    expect(changeTexts(null, { name: 'Pro', metadata: { tier: '2' } })).toEqual([
      { field: 'name', from: '—', to: 'Pro' },
      { field: 'metadata', from: '—', to: '{\n  "tier": "2"\n}' },
    ])
  })
})

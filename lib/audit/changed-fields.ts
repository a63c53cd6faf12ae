import { isDeepStrictEqual } from 'node:util'

export interface FieldChange {
  field: string
  from: unknown
  to: unknown
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** The fields an audit entry changed, so a reader sees "status: open → paid" rather than two documents. */
export function changedFields(before: unknown, after: unknown): FieldChange[] {
  if ((before === null || before === undefined || isRecord(before)) && isRecord(after)) {
    const from = before ?? {}
    const fields = [...new Set([...Object.keys(from), ...Object.keys(after)])]
    return fields.filter((field) => !isDeepStrictEqual(from[field], after[field])).map((field) => ({ field, from: from[field], to: after[field] }))
  }
  return isDeepStrictEqual(before, after) ? [] : [{ field: '', from: before, to: after }]
}

/** A change as a reader sees it: each side as text, absent as "—", a document as indented JSON. */
export interface ChangeText {
  field: string
  from: string
  to: string
}

function asText(value: unknown): string {
  if (value === null || value === undefined) return '—'
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2)
}

export function changeTexts(before: unknown, after: unknown): ChangeText[] {
  return changedFields(before, after).map((change) => ({ field: change.field, from: asText(change.from), to: asText(change.to) }))
}

'use client'

import { useState, useTransition } from 'react'
import { Button } from '@/components/ui/button'
import type { CustomerTaxId } from '@/lib/billing/billing-details'
import { TAX_ID_TYPES, taxIdExample, taxIdTypeLabel } from '@/lib/billing/tax-id-types'
import { addTaxIdAction, removeTaxIdAction } from '../details-actions'
import { BillingField, INPUT_CLASS } from './billing-field'

const VERIFICATION: Record<string, string> = { pending: 'verification pending', verified: 'verified', unverified: 'not verified by the tax authority' }

/** The tax IDs printed on invoices: remove one, or add one that Stripe checks before accepting it. */
export function TaxIdList({ taxIds, onChange }: { taxIds: CustomerTaxId[]; onChange: (taxIds: CustomerTaxId[]) => void }) {
  const [type, setType] = useState<string>(TAX_ID_TYPES[0].type)
  const [value, setValue] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [status, setStatus] = useState<string | null>(null)
  const [pending, startAction] = useTransition()

  function add() {
    setError(null)
    setStatus(null)
    startAction(async () => {
      const result = await addTaxIdAction({ type, value })
      if (!result.ok) return setError(result.error.issues?.[0]?.message ?? result.error.message)
      onChange([result.data, ...taxIds])
      setValue('')
      setStatus(`${taxIdTypeLabel(result.data.type)} ${result.data.value} added.`)
    })
  }

  function remove(taxId: CustomerTaxId) {
    setStatus(null)
    startAction(async () => {
      const result = await removeTaxIdAction({ id: taxId.id })
      if (!result.ok) return setStatus(result.error.message)
      onChange(taxIds.filter((candidate) => candidate.id !== taxId.id))
      setStatus(`${taxIdTypeLabel(taxId.type)} ${taxId.value} removed.`)
    })
  }

  return (
    <div className="border-t border-slate-100 pt-4">
      <h3 className="mb-2 font-medium">Tax IDs</h3>
      {taxIds.length === 0 ? (
        <p className="text-slate-600">No tax IDs yet. Add your VAT or other tax number to show it on your invoices.</p>
      ) : (
        <ul className="mb-2 divide-y divide-slate-100" aria-label="Tax IDs on your invoices">
          {taxIds.map((taxId) => (
            <li key={taxId.id} className="flex flex-wrap items-center justify-between gap-2 py-2" data-testid="tax-id">
              <span>
                <span className="font-medium">{taxIdTypeLabel(taxId.type)}</span> <span className="font-mono">{taxId.value}</span>
                {taxId.verification && VERIFICATION[taxId.verification] && <span className="text-slate-600"> · {VERIFICATION[taxId.verification]}</span>}
              </span>
              <Button variant="secondary" onClick={() => remove(taxId)} disabled={pending} aria-label={`Remove ${taxIdTypeLabel(taxId.type)} ${taxId.value}`}>
                Remove
              </Button>
            </li>
          ))}
        </ul>
      )}
      {/* A polite live region rather than role="status", so the page keeps a single status message for its plan changes. */}
      <p aria-live="polite" className="min-h-5 text-emerald-800" data-testid="tax-id-status">{status}</p>
      <form action={add} className="mt-2 grid items-start gap-3 sm:grid-cols-[minmax(0,14rem)_minmax(0,1fr)_auto]" aria-label="Add a tax ID">
        <BillingField id="tax-id-type" label="Kind of tax ID">
          <select id="tax-id-type" value={type} onChange={(event) => { setType(event.target.value); setError(null) }} className={INPUT_CLASS}>
            {TAX_ID_TYPES.map((entry) => (
              <option key={entry.type} value={entry.type}>
                {entry.label}
              </option>
            ))}
          </select>
        </BillingField>
        <BillingField id="tax-id-value" label="Number" value={value} onChange={(event) => setValue(event.target.value)} error={error}
          hint={`For example ${taxIdExample(type)}`} autoComplete="off" spellCheck={false} />
        <Button type="submit" disabled={pending} className="sm:mt-7">{pending ? 'Adding…' : 'Add tax ID'}</Button>
      </form>
    </div>
  )
}

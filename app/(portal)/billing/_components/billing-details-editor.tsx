'use client'

import { useState } from 'react'
import type { BillingDetails } from '@/lib/billing/billing-details'
import { BillingAddress } from './billing-address'
import { BillingContactForm } from './billing-contact-form'
import { TaxIdList } from './tax-id-list'
import { Button } from '@/components/ui/button'

/** The billing details as they stand, edited in place; each save answers the details Stripe now has. */
export function BillingDetailsEditor({ initial }: { initial: BillingDetails }) {
  const [details, setDetails] = useState(initial)
  const [editing, setEditing] = useState(false)
  const [saved, setSaved] = useState(false)
  return (
    <div className="space-y-6 text-sm">
      {saved && (
        <p role="status" className="rounded-lg bg-emerald-50 p-3 text-emerald-800">
          Billing details saved. Your next invoices show them.
        </p>
      )}
      {editing ? (
        <BillingContactForm
          details={details}
          onCancel={() => setEditing(false)}
          onSaved={(next) => {
            setDetails(next)
            setEditing(false)
            setSaved(true)
          }}
        />
      ) : (
        <div className="flex flex-wrap items-start justify-between gap-4">
          <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
            <dt className="font-medium text-slate-600">Name</dt>
            <dd data-testid="billing-name">{details.name ?? <span className="text-slate-600">Not set</span>}</dd>
            <dt className="font-medium text-slate-600">Billing email</dt>
            <dd data-testid="billing-email" className="break-all">{details.email ?? <span className="text-slate-600">Not set</span>}</dd>
            <dt className="font-medium text-slate-600">Address</dt>
            <dd>
              <BillingAddress address={details.address} />
            </dd>
          </dl>
          <Button variant="secondary" onClick={() => { setSaved(false); setEditing(true) }}>
            Edit billing details
          </Button>
        </div>
      )}
      <TaxIdList taxIds={details.taxIds} onChange={(taxIds) => setDetails((current) => ({ ...current, taxIds }))} />
    </div>
  )
}

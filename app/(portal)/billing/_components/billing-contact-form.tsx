'use client'

import { useState, useTransition } from 'react'
import { Button } from '@/components/ui/button'
import type { BillingDetails } from '@/lib/billing/billing-details'
import { BILLING_COUNTRIES, countryName } from '@/lib/billing/countries'
import { updateBillingDetailsAction } from '../details-actions'
import { BillingField, INPUT_CLASS, issuesByField } from './billing-field'

interface Props {
  details: BillingDetails
  onSaved: (details: BillingDetails) => void
  onCancel: () => void
}

const text = (form: FormData, name: string) => String(form.get(name) ?? '')
const ADDRESS_FIELDS = ['line1', 'line2', 'city', 'state', 'postalCode', 'country'] as const

/** Name, billing email and address, saved to Stripe together. */
export function BillingContactForm({ details, onSaved, onCancel }: Props) {
  const [pending, startSaving] = useTransition()
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [message, setMessage] = useState<string | null>(null)
  const address = details.address
  const countries: string[] = [...BILLING_COUNTRIES]
  if (address?.country && !countries.includes(address.country)) countries.push(address.country)
  countries.sort((a, b) => countryName(a).localeCompare(countryName(b), 'en'))

  function save(form: FormData) {
    setMessage(null)
    startSaving(async () => {
      const address = Object.fromEntries(ADDRESS_FIELDS.map((name) => [name, text(form, name)]))
      const result = await updateBillingDetailsAction({
        name: text(form, 'name'),
        email: text(form, 'email'),
        // Every address field left empty means no address, rather than an incomplete one.
        address: Object.values(address).some((value) => value.trim()) ? address : null,
      })
      if (result.ok) return onSaved(result.data)
      setErrors(issuesByField(result.error.issues))
      setMessage(result.error.issues ? 'Some details need another look.' : result.error.message)
    })
  }

  const field = (id: string, label: string, value: string | null | undefined, extra: Record<string, unknown> = {}) => (
    <BillingField id={`billing-${id}`} name={id} label={label} defaultValue={value ?? ''} error={errors[id] ?? errors[`address.${id}`]} {...extra} />
  )
  return (
    <form action={save} className="space-y-4" aria-label="Edit billing details" noValidate>
      {message && (
        <p role="alert" className="rounded-lg bg-red-50 p-3 text-red-800">
          {message}
        </p>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        {field('name', 'Name or company', details.name, { autoComplete: 'organization' })}
        {field('email', 'Billing email', details.email, { type: 'email', autoComplete: 'email', hint: 'Invoices and payment notices go here.' })}
        {field('line1', 'Street address', address?.line1, { autoComplete: 'address-line1' })}
        {field('line2', 'Address line 2 (optional)', address?.line2, { autoComplete: 'address-line2' })}
        {field('city', 'City', address?.city, { autoComplete: 'address-level2' })}
        {field('postalCode', 'Postal code', address?.postalCode, { autoComplete: 'postal-code' })}
        {field('state', 'State or region (optional)', address?.state, { autoComplete: 'address-level1' })}
        <BillingField id="billing-country" label="Country" error={errors['address.country']}>
          <select id="billing-country" name="country" defaultValue={address?.country ?? ''} className={INPUT_CLASS} autoComplete="country"
            aria-invalid={errors['address.country'] ? true : undefined} aria-describedby={errors['address.country'] ? 'billing-country-error' : undefined}>
            <option value="">Choose a country</option>
            {countries.map((code) => (
              <option key={code} value={code}>
                {countryName(code)}
              </option>
            ))}
          </select>
        </BillingField>
      </div>
      <div className="flex flex-wrap gap-3">
        <Button type="submit" disabled={pending}>{pending ? 'Saving…' : 'Save billing details'}</Button>
        <Button type="button" variant="secondary" onClick={onCancel} disabled={pending}>Cancel</Button>
      </div>
    </form>
  )
}

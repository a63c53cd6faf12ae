'use client'

import { Button } from '@/components/ui/button'
import type { Plan } from '@/lib/billing/plans'
import { formatMoney } from '@/lib/format'

interface Props {
  plan: Plan
  current: boolean
  selected: boolean
  /** What the button does: switch (preview first) or subscribe (Checkout). */
  verb: 'Switch to' | 'Subscribe to'
  /** Shown on the button while its choice is being worked on. */
  busyLabel: string | null
  disabled: boolean
  onChoose: () => void
}

const seatsText = (seats: number) => (seats === 1 ? '1 seat' : `Up to ${seats} seats`)
const label = (plan: Plan, verb: string) => `${verb} ${plan.name}${plan.interval === 'year' ? ' yearly' : ''}`

export function PlanCard({ plan, current, selected, verb, busyLabel, disabled, onChoose }: Props) {
  return (
    <li className={`flex flex-col rounded-lg border p-4 ${selected ? 'border-indigo-500 ring-1 ring-indigo-500' : current ? 'border-emerald-400' : 'border-slate-200'}`}>
      <p className="flex items-center justify-between gap-2 font-semibold">
        {plan.name}
        {current && <span className="rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-medium text-emerald-800">Current</span>}
      </p>
      <p className="text-sm text-slate-600">{plan.description}</p>
      <p className="my-3 text-xl font-semibold">
        {formatMoney(plan.unitAmount, plan.currency)}
        <span className="text-sm font-normal text-slate-500"> / {plan.perSeat ? 'seat / ' : ''}{plan.interval}</span>
      </p>
      {plan.perSeat ? (
        <p className="mb-3 text-sm text-slate-600">As many seats as you pay for</p>
      ) : (
        plan.quotas.seats !== undefined && <p className="mb-3 text-sm text-slate-600">{seatsText(plan.quotas.seats)}</p>
      )}
      <Button
        variant={current || selected ? 'secondary' : 'primary'}
        disabled={current || disabled}
        onClick={onChoose}
        aria-label={current ? `${plan.name} is your current plan` : label(plan, verb)}
        aria-pressed={current ? undefined : selected}
        className="mt-auto"
      >
        {current ? 'Current plan' : (busyLabel ?? label(plan, verb))}
      </Button>
    </li>
  )
}

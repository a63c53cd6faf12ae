import type { InputHTMLAttributes, ReactNode } from 'react'

export const INPUT_CLASS = 'w-full rounded-lg border border-slate-300 px-3 py-2 aria-[invalid=true]:border-red-600'

interface Props {
  id: string
  label: string
  /** What is wrong with the value, shown under the field and read out with it. */
  error?: string | null
  hint?: string
  children?: ReactNode
}

/** A labelled control with its hint and error tied to it (aria-describedby), so a screen reader hears both. */
export function BillingField({ id, label, error, hint, children, ...input }: Props & InputHTMLAttributes<HTMLInputElement>) {
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined
  return (
    <div>
      <label htmlFor={id} className="mb-1 block font-medium">
        {label}
      </label>
      {children ?? <input id={id} className={INPUT_CLASS} aria-invalid={error ? true : undefined} aria-describedby={described} {...input} />}
      {hint && (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="mt-1 text-red-700">
          {error}
        </p>
      )}
    </div>
  )
}

/** Each refused field's message by its path (`address.line1`), from an action's `issues`. */
export function issuesByField(issues: { path: string; message: string }[] | undefined): Record<string, string> {
  return Object.fromEntries((issues ?? []).map((issue) => [issue.path, issue.message]))
}

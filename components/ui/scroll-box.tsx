import type { ReactNode } from 'react'

/** A table's horizontal scroll box on narrow screens: focusable, so a keyboard can scroll it too. */
export function ScrollBox({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  )
}

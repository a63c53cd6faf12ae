'use client'

import Link from 'next/link'
import { usePathname } from 'next/navigation'

export const ADMIN_PAGES = [
  { href: '/admin', label: 'Overview' },
  { href: '/admin/audit', label: 'Audit log' },
  { href: '/admin/dlq', label: 'Dead letters' },
  { href: '/admin/webhooks', label: 'Webhooks' },
  { href: '/admin/grace', label: 'Grace' },
  { href: '/admin/customers', label: 'Customers' },
  { href: '/admin/notifications', label: 'Notifications' },
  { href: '/admin/api-keys', label: 'API keys' },
] as const

const isCurrent = (pathname: string, href: string) => (href === '/admin' ? pathname === href : pathname === href || pathname.startsWith(`${href}/`))

export function AdminNav() {
  const pathname = usePathname()
  return (
    <nav aria-label="Admin" className="-mx-1 overflow-x-auto">
      <ul className="flex gap-1 text-sm whitespace-nowrap">
        {ADMIN_PAGES.map(({ href, label }) => {
          const current = isCurrent(pathname, href)
          return (
            <li key={href}>
              <Link
                href={href}
                aria-current={current ? 'page' : undefined}
                className={`block rounded-lg px-3 py-1.5 focus-visible:outline-2 focus-visible:outline-indigo-600 ${current ? 'bg-indigo-600 text-white' : 'text-slate-700 hover:bg-slate-100'}`}
              >
                {label}
              </Link>
            </li>
          )
        })}
      </ul>
    </nav>
  )
}

import type { ReactNode } from 'react'
import { adminOrNotFound } from '@/lib/auth/page-guards'
import { AdminNav } from './_components/nav'

// Each admin page and route checks again: a layout does not guard the pages rendered beside it.
export default async function AdminLayout({ children }: { children: ReactNode }) {
  await adminOrNotFound()
  return (
    <div className="space-y-6">
      <AdminNav />
      {children}
    </div>
  )
}

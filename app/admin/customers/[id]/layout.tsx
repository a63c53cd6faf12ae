import type { ReactNode } from 'react'
import { notFound } from 'next/navigation'
import { customerExists } from '@/lib/admin/customers'
import { adminOrNotFound } from '@/lib/auth/page-guards'

// Decided here, outside the page's loading boundary: once streaming starts, a 404 can no longer be its status.
export default async function CustomerLayout({ children, params }: { children: ReactNode; params: Promise<{ id: string }> }) {
  const viewer = await adminOrNotFound()
  if (!(await customerExists(viewer, (await params).id))) notFound()
  return children
}

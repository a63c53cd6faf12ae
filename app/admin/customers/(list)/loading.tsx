import { AdminPageSkeleton } from '@/components/admin/page-skeleton'

export default function CustomersLoading() {
  return <AdminPageSkeleton label="Loading customers" />
}

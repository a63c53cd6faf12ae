import { AdminPageSkeleton } from '@/components/admin/page-skeleton'

export default function CustomerLoading() {
  return <AdminPageSkeleton label="Loading customer" />
}

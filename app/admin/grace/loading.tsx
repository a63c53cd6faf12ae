import { AdminPageSkeleton } from '@/components/admin/page-skeleton'

export default function GraceLoading() {
  return <AdminPageSkeleton label="Loading grace analytics" />
}

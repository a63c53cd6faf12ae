import { AdminPageSkeleton } from '@/components/admin/page-skeleton'

export default function WebhooksLoading() {
  return <AdminPageSkeleton label="Loading webhook events" />
}

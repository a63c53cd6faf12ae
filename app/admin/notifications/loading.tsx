import { AdminPageSkeleton } from '@/components/admin/page-skeleton'

export default function NotificationsLoading() {
  return <AdminPageSkeleton label="Loading notifications" />
}

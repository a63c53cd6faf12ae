import { AdminPageSkeleton } from '@/components/admin/page-skeleton'

export default function DlqLoading() {
  return <AdminPageSkeleton label="Loading dead-letter queue" />
}

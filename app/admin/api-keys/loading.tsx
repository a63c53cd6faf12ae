import { AdminPageSkeleton } from '@/components/admin/page-skeleton'

export default function ApiKeysLoading() {
  return <AdminPageSkeleton label="Loading API keys" />
}

import { Skeleton } from '@/components/ui/card'

export default function AuditLoading() {
  return (
    <div className="space-y-4" aria-busy="true" aria-label="Loading audit log">
      <Skeleton className="h-8 w-64" />
      <Skeleton className="h-10 w-full" />
      <Skeleton className="h-96 w-full" />
    </div>
  )
}

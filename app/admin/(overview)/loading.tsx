import { Skeleton } from '@/components/ui/card'

export default function AdminLoading() {
  return (
    <div className="space-y-4" aria-busy="true" aria-label="Loading admin overview">
      <Skeleton className="h-8 w-48" />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {Array.from({ length: 6 }, (_, index) => (
          <Skeleton key={index} className="h-28 w-full" />
        ))}
      </div>
      <Skeleton className="h-40 w-full" />
    </div>
  )
}

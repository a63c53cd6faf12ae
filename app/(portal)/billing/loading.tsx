import { Skeleton } from '@/components/ui/card'

export default function BillingLoading() {
  return (
    <div className="space-y-6" aria-busy="true" aria-label="Loading billing">
      <Skeleton className="h-8 w-40" />
      <Skeleton className="h-32 w-full" />
      <Skeleton className="h-36 w-full" />
      <Skeleton className="h-56 w-full" />
      <Skeleton className="h-24 w-full" />
      <Skeleton className="h-64 w-full" />
    </div>
  )
}

import { Skeleton } from '@/components/ui/card'

/** The loading state of an admin page: its title's place, a filter bar and a table. */
export function AdminPageSkeleton({ label }: { label: string }) {
  return (
    <div className="space-y-4" aria-busy="true" aria-label={label}>
      <Skeleton className="h-8 w-64" />
      <Skeleton className="h-10 w-full" />
      <Skeleton className="h-96 w-full" />
    </div>
  )
}

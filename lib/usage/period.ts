/** A usage period: the paid subscription's current period, else a calendar month (see `public.usage_entitlement`). */
export interface Period {
  start: Date
  end: Date
}

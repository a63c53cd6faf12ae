// A retry-job worker that claims due events and then hangs inside the handler, for the test that kills it.
import { openDatabase, setDatabase } from '@/lib/db/client'
import { asService } from '@/lib/db/transactions'
import { claimDueEvents } from '@/lib/webhooks/claim'
import { processClaimedEvent } from '@/lib/webhooks/process'

setDatabase(await openDatabase())
const claims = await asService((tx) => claimDueEvents(tx, 10, new Date(Number(process.argv[2]))))
const hang = () => {
  console.log('in handler')
  return new Promise<void>(() => undefined)
}
await Promise.all(claims.map((claim) => processClaimedEvent(claim, { 'customer.subscription.updated': hang })))

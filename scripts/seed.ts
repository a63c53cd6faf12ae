// Seeds the demo catalogue, accounts and subscriptions (run by `npm run dev` and `npm start` in demo mode).
import { openDatabase, setDatabase } from '@/lib/db/client'
import { migrate } from '@/lib/db/migrate'
import { seedDemoBillingExtras } from '@/lib/demo/billing-extras'
import { seedDemoDeadLetters } from '@/lib/demo/dead-letters'
import { seedDemoGraceHistory } from '@/lib/demo/grace-history'
import { seedDemo, seedDemoClockAccounts } from '@/lib/demo/seed'
import { createStripeClient } from '@/lib/stripe/client'

const db = await openDatabase()
await migrate(db)
setDatabase(db)
const stripe = createStripeClient()
await seedDemo(stripe)
await seedDemoClockAccounts(stripe)
// Dead letters to replay and grace history to chart, for the admin console, and Carol's billing details and partial
// refund for /billing; the running demo only (tests make their own).
await seedDemoDeadLetters()
await seedDemoBillingExtras(stripe)
await seedDemoGraceHistory()
console.log('demo data ready')
await db.close()

// npm run db:migrate – applies supabase/migrations to DATABASE_URL, or to the embedded database under DATA_DIR.
import { openDatabase } from '@/lib/db/client'
import { listAppliedVersions, migrate } from '@/lib/db/migrate'

const db = await openDatabase({ migrateEmbedded: false })
const applied = await migrate(db)
const all = await listAppliedVersions(db)
console.log(`migrations: ${applied.length} applied now, ${all.length} in total (${db.kind})`)
await db.close()

import { migratedSnapshot } from './pglite-snapshot'

/** Makes the migrated PGlite snapshot once, before the test files start loading it. */
export default async function setup(): Promise<void> {
  if (!process.env.TEST_DATABASE_URL) await migratedSnapshot()
}

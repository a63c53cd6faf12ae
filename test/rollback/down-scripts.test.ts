import { describe, expect, it } from 'vitest'
import { listMigrationFiles } from '@/lib/db/migrate'
import { headerOf, listDownScripts } from './down-scripts'

const migrations = listMigrationFiles().map((migration) => `${migration.version}_${migration.name}`)
const downScripts = listDownScripts()

describe('down scripts in supabase/rollback/', () => {
  it('exist for every migration, named <migration>.down.sql', () => {
    const present = new Set(downScripts.map((script) => script.migration))
    const missing = migrations.filter((migration) => !present.has(migration)).map((migration) => `supabase/rollback/${migration}.down.sql`)
    expect(missing, 'migrations without a down script: write these files').toEqual([])
  })

  it('undo only migrations that exist', () => {
    const known = new Set(migrations)
    const orphans = downScripts.filter((script) => !known.has(script.migration)).map((script) => script.file)
    expect(orphans, 'down scripts whose migration is not in supabase/migrations/').toEqual([])
  })

  it.each(downScripts.map((script) => [script.migration, script] as const))(
    '%s says what it undoes and what data it drops, in one transaction that unrecords the migration',
    (migration, script) => {
      const header = headerOf(script.sql)
      expect(header).toContain(`Undoes ${migration}`)
      expect(header).toMatch(/DROPS DATA: \S|drops no data/)
      expect(script.sql).toMatch(/^\\set ON_ERROR_STOP on\nbegin;$/m)
      expect(script.sql).toContain(`delete from supabase_migrations.schema_migrations where version = '${script.version}';\ncommit;\n`)
      expect(script.sql.trimEnd().endsWith('commit;')).toBe(true)
    },
  )
})

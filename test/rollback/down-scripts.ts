import { execFile } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

export const ROLLBACK_DIR = path.join(process.cwd(), 'supabase', 'rollback')

export interface DownScript {
  /** `<version>_<name>`, as the migration it undoes is named. */
  migration: string
  version: string
  file: string
  sql: string
}

export function listDownScripts(): DownScript[] {
  return readdirSync(ROLLBACK_DIR)
    .filter((file) => file.endsWith('.down.sql'))
    .sort()
    .map((file) => {
      const migration = file.slice(0, -'.down.sql'.length)
      const fullPath = path.join(ROLLBACK_DIR, file)
      return { migration, version: migration.split('_')[0]!, file: fullPath, sql: readFileSync(fullPath, 'utf8') }
    })
}

/** The leading comment block of a script: what the operator reads before applying it. */
export function headerOf(sql: string): string {
  const lines = sql.split('\n')
  const end = lines.findIndex((line) => !line.startsWith('--'))
  return lines.slice(0, end === -1 ? lines.length : end).join('\n')
}

/**
 * Applies a down script with psql, stopping at the first error. `asRunbookSays` runs the runbook's bare
 * `psql "$DATABASE_URL" -f <file>`, which relies on the script's own `\set ON_ERROR_STOP on`.
 */
export async function applyDownScript(url: string, file: string, { asRunbookSays = false } = {}): Promise<void> {
  await run('psql', asRunbookSays ? [url, '-f', file] : [url, '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-f', file])
}

/**
 * The schema as pg_dump writes it (tables, columns, constraints, indexes, functions, triggers, policies, owners
 * and grants), without the migrator's history table and without the per-run lines pg_dump adds.
 */
export async function dumpSchema(url: string): Promise<string> {
  const { stdout } = await run('pg_dump', ['--schema-only', '--exclude-schema=supabase_migrations', url], { maxBuffer: 64 * 1024 * 1024 })
  return stdout
    .split('\n')
    .filter((line) => !/^\\(un)?restrict /.test(line) && !line.startsWith('-- Dumped '))
    .join('\n')
}

/** Applies the down scripts of the applied migrations after `version`, newest first (all of them without one). */
export async function rollBackTo(url: string, applied: string[], version = ''): Promise<void> {
  for (const script of listDownScripts().reverse()) {
    if (script.version > version && applied.includes(script.version)) await applyDownScript(url, script.file)
  }
}

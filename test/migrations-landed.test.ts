import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { listMigrationFiles } from '@/lib/db/migrate'

// A migration that reached main has run on databases we cannot see, so it is never edited: a change is a new
// migration. The list beside the migrations (`sha256sum` format) holds each landed file's checksum.
const DIR = 'supabase/migrations'
const LIST = `${DIR}/checksums.sha256`
const LINE = /^([0-9a-f]{64}) [ *](\S+)$/

const listAdd = (file: string) => `cd ${DIR} && sha256sum ${file} >> checksums.sha256`

function parseList(text: string): { hash: string; file: string }[] {
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const match = LINE.exec(line)
      if (!match) throw new Error(`${LIST}: not a sha256sum line: ${JSON.stringify(line)}`)
      return { hash: match[1]!, file: match[2]! }
    })
}

const listed = parseList(readFileSync(LIST, 'utf8'))
const sha256 = (file: string) => createHash('sha256').update(readFileSync(path.join(DIR, file))).digest('hex')

/** Earlier committed texts of the list, when this is a git checkout with its history. */
function committedLists(): string[] | null {
  const log = spawnSync('git', ['log', '--format=%H', '--', LIST], { encoding: 'utf8' })
  if (log.error || log.status !== 0) return null
  return log.stdout
    .split('\n')
    .filter(Boolean)
    .map((commit) => spawnSync('git', ['show', `${commit}:${LIST}`], { encoding: 'utf8' }))
    .filter((show) => show.status === 0)
    .map((show) => show.stdout)
}

describe('landed migrations', () => {
  it('are each listed once', () => {
    const files = listed.map((entry) => entry.file)
    expect(files.filter((file, index) => files.indexOf(file) !== index), `${LIST} lists these twice`).toEqual([])
  })

  it('are all still there', () => {
    const missing = listed.filter((entry) => !existsSync(path.join(DIR, entry.file))).map((entry) => entry.file)
    expect(missing, `landed migrations are never removed: restore them (git checkout origin/main -- ${DIR})`).toEqual([])
  })

  it('are unchanged since they landed', () => {
    const changed = listed.filter((entry) => existsSync(path.join(DIR, entry.file)) && sha256(entry.file) !== entry.hash).map((entry) => entry.file)
    expect(changed, 'these landed migrations were edited: restore them and put the change in a new migration').toEqual([])
  })

  it('include every migration file: a new one is listed when it lands', () => {
    const known = new Set(listed.map((entry) => entry.file))
    const unlisted = readdirSync(DIR)
      .filter((file) => file.endsWith('.sql') && !known.has(file))
      .sort()
    expect(unlisted, `migrations missing from ${LIST}; once final, list each with: ${unlisted.map(listAdd).join(' ; ') || listAdd('<file>')}`).toEqual([])
  })

  it('are what the migrator applies: the list beside them is no migration', () => {
    const applied = listMigrationFiles().map((migration) => `${migration.version}_${migration.name}.sql`)
    expect(applied).toEqual(readdirSync(DIR).filter((file) => file.endsWith('.sql')).sort())
    expect(applied).not.toContain(path.basename(LIST))
  })

  const history = committedLists()
  it.skipIf(history === null)('keep every line the list ever had: it only grows', () => {
    const current = new Set(readFileSync(LIST, 'utf8').split('\n').filter(Boolean))
    const dropped = [...new Set((history ?? []).flatMap((text) => text.split('\n').filter(Boolean)))].filter((line) => !current.has(line))
    expect(dropped, `lines removed or changed in ${LIST}: a landed migration's checksum never changes`).toEqual([])
  })
})

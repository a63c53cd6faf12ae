import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

/**
 * The floors of lib/, lowest first: a module imports from its own folder (or file) and from lower floors only,
 * never from its own floor's neighbours or from above. README's Architecture section says what each holds; a new
 * folder or top-level file is placed here before it lands.
 */
const FLOORS: string[][] = [
  ['clock', 'format', 'origins', 'retry-schedule', 'secrets'],
  ['env'],
  ['log', 'release'],
  ['db'],
  ['jobs', 'metrics', 'stripe'],
  ['http'],
  ['auth'],
  ['audit'],
  ['api-keys', 'billing', 'notifications'],
  ['usage'],
  ['grace'],
  ['webhooks'],
  ['admin', 'cron', 'demo', 'monitoring'],
]

const floorOf = new Map(FLOORS.flatMap((units, floor) => units.map((unit) => [unit, floor] as const)))

/** The folder of lib/ a path is in, or the top-level file's name without its extension. */
function unitOf(libPath: string): string {
  const [first, ...rest] = libPath.split('/')
  return rest.length === 0 ? first!.replace(/\.tsx?$/, '') : first!
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(full)
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : []
  })
}

const IMPORT = /(?:^|\s)(?:import|export)\s[^'"]*?from\s+'([^']+)'|^import\s+'([^']+)'|import\('([^']+)'\)/gm

/** Every import of one lib/ module by another: [importer, imported], both as paths under lib/. */
const imports = sourceFiles('lib').flatMap((file) =>
  [...readFileSync(file, 'utf8').matchAll(IMPORT)]
    .map((match) => match[1] ?? match[2] ?? match[3]!)
    .map((specifier) => (specifier.startsWith('@/') ? specifier.slice(2) : specifier.startsWith('.') ? path.join(path.dirname(file), specifier) : null))
    .filter((target): target is string => target !== null && target.startsWith('lib/'))
    .map((target) => [path.relative('lib', file), path.relative('lib', target)] as const),
)

describe('the floors of lib/', () => {
  it('place every folder and top-level file of lib/', () => {
    const units = new Set(sourceFiles('lib').map((file) => unitOf(path.relative('lib', file))))
    expect([...units].filter((unit) => !floorOf.has(unit)).sort(), 'place these on a floor in test/lib-layers.test.ts').toEqual([])
  })

  it('are read from imports that this test sees', () => {
    expect(imports.length).toBeGreaterThan(100)
  })

  it('hold: no module imports from its own floor or from above', () => {
    const upward = imports
      .filter(([from, to]) => unitOf(from) !== unitOf(to) && floorOf.get(unitOf(to))! >= floorOf.get(unitOf(from))!)
      .map(([from, to]) => `lib/${from} -> lib/${to}`)
    expect(upward, 'imports that run sideways or up: move the module to the floor it belongs on').toEqual([])
  })
})

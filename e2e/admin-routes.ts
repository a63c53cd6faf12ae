import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const
const SAMPLE_SEGMENT = 'evt_probe_0001'
/** Pages whose dynamic segment must name something that exists for an admin to get 200 (a demo customer). */
const SAMPLE_SEGMENTS: Record<string, string> = { 'admin/customers/[id]': '00000000-0000-4000-8000-00000000c001' }

export interface AdminRoute {
  url: string
  methods: string[]
}

function filesUnder(dir: string, name: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => path.basename(file) === name)
    .map((file) => path.join(dir, file))
}

/** `app/admin/[id]/page.tsx` → `/admin/evt_probe_0001`; route groups `(x)` vanish as in Next's router. */
function urlOf(file: string): string {
  const segments = path.dirname(path.relative('app', file)).split(path.sep)
  const sample = SAMPLE_SEGMENTS[segments.join('/')] ?? SAMPLE_SEGMENT
  return `/${segments.filter((segment) => !/^\(.*\)$/.test(segment)).map((segment) => (segment.startsWith('[') ? sample : segment)).join('/')}`
}

/** Every page of the admin console, read from the file system so a page added later is walked too. */
export function listAdminPages(): string[] {
  return filesUnder('app/admin', 'page.tsx').map(urlOf).sort()
}

/** Every admin route handler and the methods it exports. */
export function listAdminRoutes(): AdminRoute[] {
  return filesUnder('app/api/admin', 'route.ts')
    .map((file) => {
      const source = readFileSync(file, 'utf8')
      const methods = HTTP_METHODS.filter((method) => new RegExp(`export (const|async function) ${method}\\b|as ${method}\\b`).test(source))
      return { url: urlOf(file), methods }
    })
    .sort((a, b) => a.url.localeCompare(b.url))
}

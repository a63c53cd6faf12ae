import 'server-only'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { env } from '@/lib/env'

let cached: string | undefined

/** Which release is running: APP_RELEASE, else Vercel's commit, else the Next.js build id. */
export function currentRelease(): string {
  cached ??= env.APP_RELEASE ?? env.VERCEL_GIT_COMMIT_SHA ?? readBuildId() ?? 'unknown'
  return cached
}

function readBuildId(): string | null {
  try {
    return readFileSync(path.join(process.cwd(), '.next', 'BUILD_ID'), 'utf8').trim() || null
  } catch {
    return null
  }
}

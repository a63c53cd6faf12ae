import 'server-only'
import type { Queryable } from './types'

export async function getSetting<T>(tx: Queryable, key: string): Promise<T | null> {
  const { rows } = await tx.query<{ value: T }>(`select value from public.app_settings where key = $1`, [key])
  return rows[0]?.value ?? null
}

export async function putSetting(tx: Queryable, key: string, value: unknown): Promise<void> {
  await tx.query(
    `insert into public.app_settings (key, value, updated_at) values ($1, $2::jsonb, now())
     on conflict (key) do update set value = excluded.value, updated_at = now()`,
    [key, JSON.stringify(value)],
  )
}

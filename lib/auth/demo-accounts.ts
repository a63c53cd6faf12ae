import 'server-only'
import { asService } from '@/lib/db/transactions'
import type { DemoAccount } from './demo-token'

interface UserRow {
  id: string
  email: string
  raw_app_meta_data: Record<string, unknown>
}

const toAccount = (row: UserRow): DemoAccount => ({ id: row.id, email: row.email, appMetadata: row.raw_app_meta_data })

export async function listDemoAccounts(): Promise<DemoAccount[]> {
  const rows = await asService(async (tx) => {
    const result = await tx.query<UserRow>(`select id, email, raw_app_meta_data from auth.users order by email`)
    return result.rows
  })
  return rows.map(toAccount)
}

export async function getDemoAccount(id: string): Promise<DemoAccount | null> {
  const row = await asService(async (tx) => {
    const result = await tx.query<UserRow>(`select id, email, raw_app_meta_data from auth.users where id = $1`, [id])
    return result.rows[0]
  })
  return row ? toAccount(row) : null
}

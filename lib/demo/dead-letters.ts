import 'server-only'
import { asService } from '@/lib/db/transactions'
import { currentRelease } from '@/lib/release'

// Getting an event into the dead-letter queue honestly takes six failed attempts over half a minute of
// backoff; the demo (and its browser tests) start with a few instead. Replaying one applies a retired,
// never-offered demo product to the catalogue, so a replay succeeds without touching anyone's plan. They die
// under the running release, so only a later release retries them by itself.
const DEAD_LETTERS = [1, 2, 3].map((index) => ({
  id: `evt_demo_dead_${index}`,
  product: {
    id: `prod_demo_retired_${index}`,
    object: 'product',
    name: `Retired demo plan ${index}`,
    description: 'A plan withdrawn before launch (demo data).',
    active: false,
    metadata: {},
    created: 1_790_000_000 + index,
    updated: 1_790_000_000 + index,
    livemode: false,
  },
}))

/** Puts the demo's dead letters in the queue once; an event already replayed or discarded stays as it is. */
export async function seedDemoDeadLetters(): Promise<void> {
  await asService(async (tx) => {
    for (const { id, product } of DEAD_LETTERS) {
      const event = { id, object: 'event', type: 'product.updated', api_version: '2026-10-28', created: product.updated, livemode: false, data: { object: product } }
      await tx.query(
        `insert into public.webhook_events (id, type, api_version, livemode, stripe_created_at, payload, status, attempts, last_error, received_at, dead_release)
         values ($1, 'product.updated', '2026-10-28', false, to_timestamp($2), $3::jsonb, 'dead', 6, $4, now() - interval '40 minutes', $5)
         on conflict (id) do nothing`,
        [id, product.updated, JSON.stringify(event), `Demo dead letter: the catalogue refused ${product.id} on every attempt (seeded data).`, currentRelease()],
      )
    }
  })
}

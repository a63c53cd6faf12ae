import pg from 'pg'
import Stripe from 'stripe'

const stripe = new Stripe('sk_test_bench')
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 })

export async function POST(request) {
  const body = await request.text()
  let event
  try {
    event = await stripe.webhooks.constructEventAsync(body, request.headers.get('stripe-signature') ?? '', process.env.BENCH_WEBHOOK_SECRET, 300)
  } catch {
    return Response.json({ error: 'bad signature' }, { status: 400 })
  }
  await pool.query(
    `insert into public.webhook_events (id, type, stripe_created_at, payload) values ($1, $2, to_timestamp($3), $4::jsonb) on conflict (id) do nothing`,
    [event.id, event.type, event.created, body],
  )
  return Response.json({ received: true })
}

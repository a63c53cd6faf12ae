// The machine's floor: node:http + node-postgres, verifying the signature and inserting the event, nothing else.
import { createHmac, timingSafeEqual } from 'node:crypto'
import http from 'node:http'
import pg from 'pg'

const secret = process.env.BENCH_WEBHOOK_SECRET
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 })

function verify(body, header) {
  const parts = Object.fromEntries(header.split(',').map((part) => part.split('=')))
  if (!parts.t || Math.abs(Date.now() / 1000 - Number(parts.t)) > 300) return false
  const expected = createHmac('sha256', secret).update(`${parts.t}.${body}`).digest()
  const given = Buffer.from(parts.v1 ?? '', 'hex')
  return given.length === expected.length && timingSafeEqual(given, expected)
}

http.createServer((request, response) => {
  const chunks = []
  request.on('data', (chunk) => chunks.push(chunk))
  request.on('end', async () => {
    const body = Buffer.concat(chunks).toString('utf8')
    if (!verify(body, request.headers['stripe-signature'] ?? '')) {
      response.writeHead(400).end()
      return
    }
    const event = JSON.parse(body)
    await pool.query(
      `insert into public.webhook_events (id, type, stripe_created_at, payload) values ($1, $2, to_timestamp($3), $4::jsonb) on conflict (id) do nothing`,
      [event.id, event.type, event.created, body],
    )
    response.writeHead(200, { 'content-type': 'application/json' }).end('{"received":true}')
  })
}).listen(Number(process.env.PORT), () => console.log('bare floor listening'))

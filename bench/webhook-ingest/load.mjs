// Load generation for the benchmarks: JSON requests (signed Stripe-shaped events, usage reports) over keep-alive HTTP.
import { createHmac } from 'node:crypto'
import http from 'node:http'
import { median } from '../server.mjs'

export function signedDelivery(event, secret) {
  const body = JSON.stringify(event)
  const timestamp = Math.floor(Date.now() / 1000)
  const signature = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')
  return { body, signature: `t=${timestamp},v1=${signature}` }
}

export function subscriptionEvent(index, customer, runId, type = 'customer.subscription.updated') {
  const created = Math.floor(Date.now() / 1000)
  const id = `sub_bench_${runId}_${index}`
  return {
    id: `evt_bench_${runId}_${index}`,
    object: 'event',
    api_version: '2026-10-28.endive',
    created,
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: {
      object: {
        id, object: 'subscription', customer, status: 'active', created, cancel_at_period_end: false, cancel_at: null,
        canceled_at: null, ended_at: null, trial_end: null, currency: 'usd', metadata: {}, latest_invoice: null,
        items: { object: 'list', has_more: false, url: `/v1/subscription_items?subscription=${id}`, data: [{
          id: `si_bench_${runId}_${index}`, object: 'subscription_item', quantity: 1, created, current_period_start: created,
          current_period_end: created + 30 * 86400, metadata: {}, subscription: id,
          price: { id: 'price_bench', object: 'price', currency: 'usd', unit_amount: 1900, product: 'prod_bench', recurring: { interval: 'month', interval_count: 1 } },
        }] },
      },
    },
  }
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 })

function post(url, delivery) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint()
    const request = http.request(url, {
      method: 'POST',
      agent,
      headers: {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(delivery.body),
        ...(delivery.signature ? { 'stripe-signature': delivery.signature } : {}),
        ...delivery.headers,
      },
    }, (response) => {
      response.resume()
      response.on('end', () => resolve({ status: response.statusCode, ms: Number(process.hrtime.bigint() - started) / 1e6 }))
    })
    // A kept-alive socket the server closed as idle just as it was reused: send again, as Node's docs advise.
    request.on('error', (error) => (request.reusedSocket && error.code === 'ECONNRESET' ? post(url, delivery).then(resolve, reject) : reject(error)))
    request.end(delivery.body)
  })
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]

function summarize(results, seconds) {
  const latencies = results.map((result) => result.ms).sort((a, b) => a - b)
  const failures = results.filter((result) => result.status !== 200).length
  return { events: results.length, failures, eventsPerSecond: results.length / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) }
}

/** Several rounds' summaries of the same load as one: the median of each figure, and every round's failures. */
export function medianSummary(summaries) {
  const of = (key) => median(summaries.map((summary) => summary[key]))
  return { events: of('events'), failures: summaries.reduce((sum, summary) => sum + summary.failures, 0), eventsPerSecond: of('eventsPerSecond'), p50: of('p50'), p99: of('p99') }
}

/** As fast as `concurrency` callers can go: the throughput ceiling. */
export async function closedLoop(url, deliveries, concurrency) {
  let next = 0
  const results = []
  const started = performance.now()
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < deliveries.length) results.push(await post(url, deliveries[next++]))
  }))
  return summarize(results, (performance.now() - started) / 1000)
}

/** A steady arrival rate, as Stripe delivers: latency at a given load rather than at saturation. */
export async function openLoop(url, deliveries, perSecond) {
  const interval = 1000 / perSecond
  const started = performance.now()
  const pending = deliveries.map(async (delivery, index) => {
    const due = started + index * interval
    const wait = due - performance.now()
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
    return post(url, delivery)
  })
  const results = await Promise.all(pending)
  return summarize(results, (performance.now() - started) / 1000)
}

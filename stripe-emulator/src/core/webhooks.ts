import { createHmac } from 'node:crypto';
import type { Store } from './store.js';

export interface WebhookOptions {
  url: string;
  secret: string;
  retryBaseMs: number;
  maxAttempts: number;
  log: boolean;
}

const ATTEMPT_TIMEOUT_MS = 10_000;

/** `Stripe-Signature` exactly as Stripe builds it: HMAC-SHA256 over "<t>.<body>". */
export function signPayload(secret: string, body: string, timestamp: number): string {
  const signature = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `t=${timestamp},v1=${signature}`;
}

/**
 * Delivers events one at a time in creation order: the head of the queue is retried with
 * exponential backoff before later events go out, so the receiver never sees them reordered.
 */
export class WebhookDispatcher {
  private running = false;
  private closed = false;
  private timer: NodeJS.Timeout | null = null;
  private wake: (() => void) | null = null;
  private inFlight: AbortController | null = null;
  private loop: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: Store,
    private readonly options: WebhookOptions,
  ) {
    // Deliveries persisted by a previous run are due again as soon as we start.
    for (const delivery of store.state.deliveries) delivery.next_attempt_at = Date.now();
  }

  enqueue(eventId: string): void {
    this.store.state.deliveries.push({ event: eventId, attempts: 0, next_attempt_at: Date.now() });
    this.store.changed();
    // Deferred so the API response that caused the event goes out first.
    setImmediate(() => this.start());
  }

  pending(): number {
    return this.store.state.deliveries.length;
  }

  /** Makes every waiting delivery due now, e.g. once the receiving app has finished starting. */
  retryNow(): void {
    for (const delivery of this.store.state.deliveries) delivery.next_attempt_at = Date.now();
    if (this.timer) clearTimeout(this.timer);
    this.wake?.();
    this.start();
  }

  start(): void {
    if (this.running || this.closed || this.pending() === 0) return;
    this.running = true;
    this.loop = this.run().finally(() => {
      this.running = false;
      if (!this.closed && this.pending() > 0) this.start();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    this.inFlight?.abort();
    if (this.timer) clearTimeout(this.timer);
    this.wake?.();
    await this.loop;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.wake = resolve;
      this.timer = setTimeout(resolve, ms);
    });
  }

  private async run(): Promise<void> {
    const { state } = this.store;
    while (!this.closed) {
      const head = state.deliveries[0];
      if (!head) return;
      const wait = head.next_attempt_at - Date.now();
      if (wait > 0) {
        await this.sleep(wait);
        continue;
      }
      const event = state.events[head.event];
      const outcome = event ? await this.attempt(JSON.stringify(event, null, 2)) : 'delivered';
      if (outcome === 'aborted') return;
      head.attempts += 1;
      if (outcome === 'delivered' || head.attempts >= this.options.maxAttempts) {
        state.deliveries.shift();
        if (event && outcome === 'delivered') event.pending_webhooks = 0;
        if (outcome !== 'delivered') this.note(`giving up on ${head.event} after ${head.attempts} attempts`);
      } else {
        head.next_attempt_at = Date.now() + this.options.retryBaseMs * 2 ** (head.attempts - 1);
      }
      this.store.changed();
    }
  }

  private async attempt(body: string): Promise<'delivered' | 'failed' | 'aborted'> {
    const controller = new AbortController();
    this.inFlight = controller;
    const timeout = setTimeout(() => controller.abort(), ATTEMPT_TIMEOUT_MS);
    try {
      const response = await fetch(this.options.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json; charset=utf-8',
          'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
          'Stripe-Signature': signPayload(this.options.secret, body, Math.floor(Date.now() / 1000)),
        },
        body,
        signal: controller.signal,
      });
      await response.arrayBuffer().catch(() => undefined);
      if (response.ok) return 'delivered';
      this.note(`endpoint answered ${response.status}`);
      return 'failed';
    } catch (error) {
      if (this.closed) return 'aborted';
      this.note(`delivery failed: ${(error as Error).message}`);
      return 'failed';
    } finally {
      clearTimeout(timeout);
      this.inFlight = null;
    }
  }

  private note(message: string): void {
    if (this.options.log) console.log(`stripe-emulator webhooks: ${message}`);
  }
}

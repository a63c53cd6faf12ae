import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { State } from '../types.js';

const STATE_FILE = 'state.json';
const WRITE_DELAY_MS = 25;
const MAX_EVENTS = 5000;
const MAX_IDEMPOTENCY_KEYS = 2000;

export function emptyState(): State {
  return {
    version: 1,
    products: {},
    prices: {},
    customers: {},
    payment_methods: {},
    card_outcomes: {},
    subscriptions: {},
    subscription_schedules: {},
    invoices: {},
    invoice_items: {},
    events: {},
    test_clocks: {},
    deleted: {},
    idempotency: {},
    deliveries: [],
    trial_notices: {},
    payment_intents: {},
    setup_intents: {},
    charges: {},
    tax_ids: {},
    refunds: {},
    return_urls: {},
    checkout_sessions: {},
    portal_sessions: {},
    checkout_plans: {},
    coupons: {},
    retired_coupons: {},
    promotion_codes: {},
    discounts: {},
    credit_notes: {},
    invoice_payments: {},
    balance_transactions: {},
  };
}

/** Drops the oldest entries of an insertion-ordered record beyond `max`. */
function trim(record: Record<string, unknown>, max: number, keep: (id: string) => boolean): void {
  const ids = Object.keys(record);
  for (const id of ids.slice(0, Math.max(0, ids.length - max))) {
    if (!keep(id)) delete record[id];
  }
}

/** Holds the state and writes it atomically (tmp + rename) shortly after each change. */
export class Store {
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();

  private constructor(
    readonly state: State,
    private readonly file: string | null,
  ) {}

  static async open(dataDir?: string): Promise<Store> {
    if (!dataDir) return new Store(emptyState(), null);
    await mkdir(dataDir, { recursive: true });
    const file = path.join(dataDir, STATE_FILE);
    let state = emptyState();
    try {
      state = { ...state, ...(JSON.parse(await readFile(file, 'utf8')) as Partial<State>) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    return new Store(state, file);
  }

  /** Schedules a write; bursts of changes coalesce into one. */
  changed(): void {
    this.compact();
    if (!this.file || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.write();
    }, WRITE_DELAY_MS);
  }

  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
      await this.write();
    }
    await this.writing;
  }

  /** Keeps the newest events (and any still owed to the webhook endpoint) and idempotency keys. */
  private compact(): void {
    const pendingEvents = new Set(this.state.deliveries.map((d) => d.event));
    trim(this.state.events, MAX_EVENTS, (id) => pendingEvents.has(id));
    trim(this.state.idempotency, MAX_IDEMPOTENCY_KEYS, () => false);
  }

  private write(): Promise<void> {
    const file = this.file;
    if (!file) return Promise.resolve();
    // Serialise now so the file reflects this moment even if writes queue up.
    const json = JSON.stringify(this.state);
    this.writing = this.writing.then(async () => {
      const tmp = `${file}.${process.pid}.tmp`;
      await writeFile(tmp, json);
      await rename(tmp, file);
    }).catch((error: unknown) => console.error('stripe-emulator: could not persist state', error));
    return this.writing;
  }
}

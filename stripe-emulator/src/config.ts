import { parseArgs } from 'node:util';

export interface EmulatorOptions {
  /** Interface to listen on; `127.0.0.1` unless given (`0.0.0.0` or `::` for every interface). */
  host?: string;
  /** 0 or omitted: a random free port. */
  port?: number;
  /** Directory for `state.json`; omitted keeps everything in memory. */
  dataDir?: string;
  webhookUrl?: string;
  webhookSecret?: string;
  retryBaseMs?: number;
  maxDeliveryAttempts?: number;
  log?: boolean;
}

export const DEFAULT_PORT = 12111;
/** Loopback only unless told otherwise: the emulator has no real authentication. */
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_DATA_DIR = '.data/stripe-emulator';

export const USAGE = `Usage: stripe-emulator-stateful [options]

  --port <n>               port to listen on (default ${DEFAULT_PORT}; 0 picks a free one)
  --host <address>         interface to listen on (default ${DEFAULT_HOST}; 0.0.0.0 for every interface)
  --data-dir <dir>         where state.json is kept (default ${DEFAULT_DATA_DIR})
  --webhook-url <url>      where signed events are POSTed
  --webhook-secret <whsec> the signing secret the receiver verifies with
  --log                    log each request and failed delivery
  --version, --help

Each flag overrides its STRIPE_EMULATOR_* environment variable (PORT, HOST, DATA_DIR, WEBHOOK_URL,
WEBHOOK_SECRET, LOG=1).`;

/** The options the command starts the emulator with, read from `STRIPE_EMULATOR_*` variables. */
export function optionsFromEnv(env: NodeJS.ProcessEnv): EmulatorOptions {
  return {
    host: env.STRIPE_EMULATOR_HOST || DEFAULT_HOST,
    port: Number(env.STRIPE_EMULATOR_PORT ?? DEFAULT_PORT),
    dataDir: env.STRIPE_EMULATOR_DATA_DIR ?? DEFAULT_DATA_DIR,
    webhookUrl: env.STRIPE_EMULATOR_WEBHOOK_URL || undefined,
    webhookSecret: env.STRIPE_EMULATOR_WEBHOOK_SECRET || undefined,
    log: env.STRIPE_EMULATOR_LOG === '1',
  };
}

export type CommandLine =
  | { kind: 'start'; options: EmulatorOptions }
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'error'; message: string };

/** The command's flags on top of the environment's settings. */
export function parseCommandLine(args: string[], env: NodeJS.ProcessEnv): CommandLine {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'data-dir': { type: 'string' },
        'webhook-url': { type: 'string' },
        'webhook-secret': { type: 'string' },
        log: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    }));
  } catch (error) {
    return { kind: 'error', message: (error as Error).message };
  }
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };
  const options = optionsFromEnv(env);
  if (values.port !== undefined) {
    if (!/^\d+$/.test(values.port) || Number(values.port) > 65535) return { kind: 'error', message: `--port must be a port number, not "${values.port}"` };
    options.port = Number(values.port);
  }
  if (values.host) options.host = values.host;
  if (values['data-dir']) options.dataDir = values['data-dir'];
  if (values['webhook-url']) options.webhookUrl = values['webhook-url'];
  if (values['webhook-secret']) options.webhookSecret = values['webhook-secret'];
  if (values.log) options.log = true;
  if (Boolean(options.webhookUrl) !== Boolean(options.webhookSecret)) {
    return { kind: 'error', message: 'a webhook URL needs a webhook secret (whsec_…) and the other way round' };
  }
  return { kind: 'start', options };
}

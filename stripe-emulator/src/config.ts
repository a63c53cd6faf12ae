import type { EmulatorOptions } from './server';

export const DEFAULT_PORT = 12111;
/** Loopback only unless told otherwise: the emulator has no real authentication. */
export const DEFAULT_HOST = '127.0.0.1';

/** The options `main.ts` starts the emulator with, read from `STRIPE_EMULATOR_*` variables. */
export function optionsFromEnv(env: NodeJS.ProcessEnv): EmulatorOptions {
  return {
    host: env.STRIPE_EMULATOR_HOST || DEFAULT_HOST,
    port: Number(env.STRIPE_EMULATOR_PORT ?? DEFAULT_PORT),
    dataDir: env.STRIPE_EMULATOR_DATA_DIR ?? '.data/stripe-emulator',
    webhookUrl: env.STRIPE_EMULATOR_WEBHOOK_URL || undefined,
    webhookSecret: env.STRIPE_EMULATOR_WEBHOOK_SECRET || undefined,
    log: env.STRIPE_EMULATOR_LOG === '1',
  };
}

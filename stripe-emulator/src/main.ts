import { startEmulator } from './server';

const port = Number(process.env.STRIPE_EMULATOR_PORT ?? 12111);
const emulator = await startEmulator({
  port,
  dataDir: process.env.STRIPE_EMULATOR_DATA_DIR ?? '.data/stripe-emulator',
  webhookUrl: process.env.STRIPE_EMULATOR_WEBHOOK_URL || undefined,
  webhookSecret: process.env.STRIPE_EMULATOR_WEBHOOK_SECRET || undefined,
  log: process.env.STRIPE_EMULATOR_LOG === '1',
});
console.log(`stripe-emulator listening on http://localhost:${emulator.port}`);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await emulator.close();
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());

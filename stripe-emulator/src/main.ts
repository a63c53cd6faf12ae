import { optionsFromEnv } from './config';
import { startEmulator } from './server';

const emulator = await startEmulator(optionsFromEnv(process.env));
console.log(`stripe-emulator listening on ${emulator.url}`);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await emulator.close();
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());

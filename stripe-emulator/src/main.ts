#!/usr/bin/env node
// The command: `stripe-emulator-stateful --port 12111 --data-dir .data/stripe [--webhook-url … --webhook-secret …]`.
import { readFileSync } from 'node:fs';
import { parseCommandLine, USAGE } from './config.js';
import { startEmulator } from './server.js';

const command = parseCommandLine(process.argv.slice(2), process.env);
if (command.kind === 'help') {
  console.log(USAGE);
  process.exit(0);
}
if (command.kind === 'version') {
  // One level up from both src/ and dist/.
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  console.log(manifest.version);
  process.exit(0);
}
if (command.kind === 'error') {
  console.error(`stripe-emulator: ${command.message}\n\n${USAGE}`);
  process.exit(2);
}

const emulator = await startEmulator(command.options);
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

// The embeddable API: `import { startEmulator } from 'stripe-emulator-stateful'`.
export { startEmulator, type EmulatorOptions, type RunningEmulator } from './server.js';
export { DEFAULT_HOST, DEFAULT_PORT, optionsFromEnv, parseCommandLine } from './config.js';

import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Lets the emulator suite run on its own whatever the app's root config includes:
// `npx vitest run --config stripe-emulator/vitest.config.ts`
export default defineConfig({
  cacheDir: fileURLToPath(new URL('../node_modules/.vite/stripe-emulator', import.meta.url)),
  test: {
    root: fileURLToPath(new URL('.', import.meta.url)),
    include: ['test/**/*.test.ts'],
    testTimeout: 10_000,
  },
});

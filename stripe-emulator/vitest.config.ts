import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Vitest's reporter prints failures with Map.groupBy, which Node 20 lacks (it arrived in Node 21).
if (!('groupBy' in Map)) {
  Object.defineProperty(Map, 'groupBy', {
    value<K, T>(items: Iterable<T>, key: (item: T, index: number) => K): Map<K, T[]> {
      const groups = new Map<K, T[]>();
      let index = 0;
      for (const item of items) {
        const group = key(item, index++);
        groups.set(group, [...(groups.get(group) ?? []), item]);
      }
      return groups;
    },
  });
}

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

#!/usr/bin/env node
// Runs the command. A source checkout (src/ beside bin/, tsx installed) runs the TypeScript source, so
// a dist/ left over from an earlier build never runs stale code; the published package runs dist/.
import { existsSync } from 'node:fs';

const source = new URL('../src/main.ts', import.meta.url);
let tsImport = null;
if (existsSync(source)) {
  try {
    ({ tsImport } = await import('tsx/esm/api'));
  } catch {
    // No tsx here: fall back to the compiled command.
  }
}
if (tsImport) {
  await tsImport(source.href, import.meta.url);
} else {
  const compiled = new URL('../dist/main.js', import.meta.url);
  if (!existsSync(compiled)) {
    console.error('stripe-emulator: dist/ is missing; run `npm run build` in the package first.');
    process.exit(1);
  }
  await import(compiled.href);
}

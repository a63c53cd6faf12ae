import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { networkInterfaces, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { optionsFromEnv } from '../src/config';
import type { RunningEmulator } from '../src/server';
import { clientFor, launch } from './helpers';

/** An address of this machine other than loopback, if it has one. */
const externalAddress = Object.values(networkInterfaces()).flat()
  .find((entry) => entry && entry.family === 'IPv4' && !entry.internal)?.address;

const reachable = (url: string): Promise<boolean> =>
  fetch(`${url}/_emulator/health`, { signal: AbortSignal.timeout(2000) }).then((response) => response.ok, () => false);

describe('listen address', () => {
  let emulator: RunningEmulator | undefined;
  afterEach(async () => emulator?.close());

  it('listens on 127.0.0.1 by default and serves the SDK there', async () => {
    ({ emulator } = await launch());
    expect(emulator.host).toBe('127.0.0.1');
    expect(emulator.url).toBe(`http://127.0.0.1:${emulator.port}`);
    expect(await reachable(emulator.url)).toBe(true);
    expect((await clientFor(emulator).customers.create({ email: 'loopback@example.com' })).id).toMatch(/^cus_/);
  });

  it.skipIf(!externalAddress)('is not reachable from another interface unless told to listen there', async () => {
    ({ emulator } = await launch());
    expect(await reachable(`http://${externalAddress}:${emulator.port}`)).toBe(false);
    await emulator.close();
    ({ emulator } = await launch({ host: '0.0.0.0' }));
    expect(emulator.url).toBe(`http://localhost:${emulator.port}`);
    expect(await reachable(`http://${externalAddress}:${emulator.port}`)).toBe(true);
  });

  it('reads STRIPE_EMULATOR_HOST, defaulting to loopback', () => {
    expect(optionsFromEnv({})).toMatchObject({ host: '127.0.0.1', port: 12111, dataDir: '.data/stripe-emulator', log: false });
    expect(optionsFromEnv({ STRIPE_EMULATOR_HOST: '0.0.0.0', STRIPE_EMULATOR_PORT: '4242' })).toMatchObject({ host: '0.0.0.0', port: 4242 });
    expect(optionsFromEnv({ STRIPE_EMULATOR_HOST: '' }).host).toBe('127.0.0.1');
  });

  it('starts from main.ts on the address STRIPE_EMULATOR_HOST names', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'stripe-emulator-main-'));
    const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', main], {
      env: { ...process.env, STRIPE_EMULATOR_HOST: '127.0.0.1', STRIPE_EMULATOR_PORT: '0', STRIPE_EMULATOR_DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let output = '';
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const match = /listening on (http:\/\/\S+)/.exec(output);
          if (match) resolve(match[1] as string);
        });
        child.once('exit', (code) => reject(new Error(`main.ts exited with ${code}: ${output}`)));
      });
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(await reachable(url)).toBe(true);
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 20_000);
});

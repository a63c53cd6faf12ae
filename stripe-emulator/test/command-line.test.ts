import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../src/config';

describe('the command line', () => {
  it('starts with the environment’s settings when given no flags', () => {
    expect(parseCommandLine([], { STRIPE_EMULATOR_PORT: '4242', STRIPE_EMULATOR_DATA_DIR: '/tmp/a' })).toEqual({
      kind: 'start',
      options: { host: '127.0.0.1', port: 4242, dataDir: '/tmp/a', webhookUrl: undefined, webhookSecret: undefined, log: false },
    });
  });

  it('lets each flag override its STRIPE_EMULATOR_* variable', () => {
    const env = { STRIPE_EMULATOR_PORT: '4242', STRIPE_EMULATOR_HOST: '0.0.0.0', STRIPE_EMULATOR_WEBHOOK_URL: 'http://a/hook', STRIPE_EMULATOR_WEBHOOK_SECRET: 'whsec_a' };
    const args = ['--port', '12111', '--host', '127.0.0.1', '--data-dir', 'state', '--webhook-url', 'http://b/hook', '--webhook-secret', 'whsec_b', '--log'];
    expect(parseCommandLine(args, env)).toEqual({
      kind: 'start',
      options: { host: '127.0.0.1', port: 12111, dataDir: 'state', webhookUrl: 'http://b/hook', webhookSecret: 'whsec_b', log: true },
    });
  });

  it('refuses unknown flags, a bad port and a webhook URL without its secret', () => {
    expect(parseCommandLine(['--prot', '1'], {}).kind).toBe('error');
    expect(parseCommandLine(['--port', 'http'], {})).toMatchObject({ kind: 'error', message: expect.stringContaining('--port') });
    expect(parseCommandLine(['--webhook-url', 'http://a/hook'], {})).toMatchObject({ kind: 'error', message: expect.stringContaining('secret') });
  });

  it('answers --help and --version', () => {
    expect(parseCommandLine(['--help'], {}).kind).toBe('help');
    expect(parseCommandLine(['-v'], {}).kind).toBe('version');
  });
});

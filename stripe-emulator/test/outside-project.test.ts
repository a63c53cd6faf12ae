import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const PACKAGE = fileURLToPath(new URL('..', import.meta.url));
const REPO_MODULES = path.join(PACKAGE, '..', 'node_modules');
// npm's own variables (set when this runs under `npm test`) would point the inner npm at this repo.
const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_')));

describe('the packed package, used from another project', () => {
  let scratch = '';
  afterAll(async () => {
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  it('installs offline, starts with its command and runs a subscription to a paid, signed renewal webhook', async () => {
    const started = Date.now();
    scratch = await mkdtemp(path.join(tmpdir(), 'stripe-emulator-outside-'));
    // Built into a copy rather than the package's own dist/, which stays as the developer left it.
    const staged = path.join(scratch, 'package');
    await mkdir(staged);
    await run(process.execPath, [path.join(REPO_MODULES, 'typescript/bin/tsc'), '-p', path.join(PACKAGE, 'tsconfig.build.json'), '--outDir', path.join(staged, 'dist')], { env });
    for (const entry of ['package.json', 'README.md', 'bin']) await cp(path.join(PACKAGE, entry), path.join(staged, entry), { recursive: true });
    const { stdout: packed } = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', scratch], { cwd: staged, env });
    const tarball = (JSON.parse(packed) as { filename: string; files: { path: string }[] }[])[0]!;
    expect(tarball.files.map((file) => file.path)).toContain('dist/index.d.ts');
    expect(tarball.files.some((file) => file.path.startsWith('src/') || file.path.startsWith('test/'))).toBe(false);

    const project = path.join(scratch, 'project');
    await mkdir(project);
    await writeFile(path.join(project, 'package.json'), JSON.stringify({
      name: 'outside-project', private: true, type: 'module',
      dependencies: { stripe: `file:${await realpath(path.join(REPO_MODULES, 'stripe'))}`, 'stripe-emulator-stateful': `file:../${tarball.filename}` },
    }));
    await run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: project, env });
    await cp(fileURLToPath(new URL('outside-project/lifecycle.mjs', import.meta.url)), path.join(project, 'lifecycle.mjs'));

    const { stdout } = await run(process.execPath, ['lifecycle.mjs', path.join(scratch, 'data')], { cwd: project, env, timeout: 60_000 });
    const summary = JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
    expect(summary).toMatchObject({
      subscriptionStatus: 'active',
      invoices: [{ reason: 'subscription_cycle', status: 'paid', paid: 1500 }, { reason: 'subscription_create', status: 'paid', paid: 1500 }],
      renewalWebhookVerified: true,
      rejected: [],
    });
    expect(summary.verifiedTypes).toEqual(expect.arrayContaining(['customer.subscription.created', 'invoice.paid', 'test_helpers.test_clock.ready']));
    console.log(`outside-project test: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }, 120_000);
});

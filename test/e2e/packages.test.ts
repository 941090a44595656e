/**
 * The two packages as a user gets them: `npm pack` each one, install the tarball into an empty
 * folder, and use it from there.
 * - conf-kit: a page importing `conf-kit` bundles with esbuild and defines the elements in Chromium;
 *   none of the server's dependencies are installed with it.
 * - conf-kit-server: its bin starts the SFU and serves /healthz (no demo unless --demo), and its
 *   main export has startConfServer and loadConfig.
 * Needs the build (`npm run build`, which npm test runs first).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { freePort, launchBrowser } from './harness.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const WORKER_BIN = process.env.MEDIASOUP_WORKER_BIN ?? '/usr/lib/x86_64-linux-gnu/mediasoup/mediasoup-worker';
const INSTALL_FLAGS = ['--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'];
const env = { ...process.env, MEDIASOUP_WORKER_BIN: WORKER_BIN };

let tmp: string;
before(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'conf-kit-pack-'));
});
after(() => rmSync(tmp, { recursive: true, force: true }));

/** `npm pack` (of the root, or of one workspace) into `dir`; returns the tarball's path. */
async function pack(dir: string, workspace?: string): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const args = ['pack', '--ignore-scripts', '--json', '--pack-destination', dir, ...(workspace ? ['-w', workspace] : [])];
  const { stdout } = await run('npm', args, { cwd: root, env, maxBuffer: 16 * 1024 * 1024 });
  const [info] = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
  return path.join(dir, info!.filename);
}

/** An empty project with `tarball` installed into it. */
async function installInto(dir: string, tarball: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  await run('npm', ['install', tarball, ...INSTALL_FLAGS], { cwd: dir, env, maxBuffer: 16 * 1024 * 1024 });
}

describe('npm pack: the kit (conf-kit)', () => {
  it('installs into an empty folder without the server dependencies, and a page importing it bundles and defines the elements', async () => {
    const tarball = await pack(path.join(tmp, 'kit-pack'));
    const app = path.join(tmp, 'kit-app');
    await installInto(app, tarball);

    const installed = readdirSync(path.join(app, 'node_modules'));
    for (const dep of ['lit', 'mediasoup-client', '@lit']) assert.ok(installed.includes(dep), `${dep} is installed with conf-kit`);
    for (const dep of ['mediasoup', 'ws', 'pino', 'zod']) assert.ok(!installed.includes(dep), `${dep} is not installed with conf-kit`);

    writeFileSync(
      path.join(app, 'page.js'),
      "import { ConferenceClient, PROTOCOL_VERSION } from 'conf-kit';\n" +
        "window.result = { client: typeof ConferenceClient, version: PROTOCOL_VERSION, elements: ['conf-room', 'conf-tile', 'conf-controls', 'mic-meter'].map((t) => typeof customElements.get(t)) };\n",
    );
    const { build } = await import('esbuild');
    const out = await build({
      entryPoints: [path.join(app, 'page.js')],
      absWorkingDir: app,
      bundle: true,
      format: 'esm',
      write: false,
      logLevel: 'silent',
    });
    const bundle = out.outputFiles[0]!.text;
    assert.ok(bundle.length > 10_000);

    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.setContent('<!doctype html><title>kit</title>');
      await page.addScriptTag({ content: bundle, type: 'module' });
      await page.waitForFunction(() => (window as unknown as { result?: unknown }).result !== undefined, undefined, { timeout: 60_000 });
      const result = await page.evaluate(() => (window as unknown as { result: unknown }).result);
      assert.deepEqual(errors, []);
      assert.deepEqual(result, { client: 'function', version: 1, elements: ['function', 'function', 'function', 'function'] });
    } finally {
      await browser.close();
    }
  });
});

describe('npm pack: the server (conf-kit-server)', () => {
  it('installs into an empty folder; its bin starts the SFU and serves /healthz, with no demo unless --demo', async () => {
    const tarball = await pack(path.join(tmp, 'server-pack'), 'server');
    const app = path.join(tmp, 'server-app');
    await installInto(app, tarball);
    // Installing ran no install scripts (--ignore-scripts, as npm 11 does by default), so
    // better-sqlite3 has no native addon yet. `npm rebuild better-sqlite3` would compile it
    // (server/README.md); the test reuses the identical one scripts/setup.sh built for the repo.
    const addon = 'node_modules/better-sqlite3/build';
    cpSync(path.join(root, addon), path.join(app, addon), { recursive: true });
    const bin = path.join(app, 'node_modules/.bin/conf-kit-server');
    assert.ok(existsSync(bin), 'npm linked the conf-kit-server bin');

    const port = await freePort();
    const child = spawn(bin, [], {
      cwd: app,
      env: { ...env, PORT: String(port), HOST: '127.0.0.1', NUM_WORKERS: '1', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    try {
      const url = `http://127.0.0.1:${port}`;
      let health: Response | undefined;
      for (const deadline = Date.now() + 20_000; !health; ) {
        if (child.exitCode !== null) assert.fail(`conf-kit-server exited (${child.exitCode}):\n${out}`);
        if (Date.now() > deadline) assert.fail(`conf-kit-server did not answer /healthz:\n${out}`);
        health = await fetch(`${url}/healthz`).catch(() => undefined);
        if (!health) await new Promise((r) => setTimeout(r, 100));
      }
      assert.equal(health.status, 200);
      assert.deepEqual(await health.json(), { ok: true, rooms: 0, workers: 1, connections: 0 });
      const home = await fetch(`${url}/`);
      assert.equal(home.status, 404, 'the bin serves no demo without --demo');
      assert.match(await home.text(), /--demo/);
    } finally {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
    }

    const { stdout } = await run(
      process.execPath,
      ['--input-type=module', '-e', "const m = await import('conf-kit-server'); console.log(JSON.stringify([typeof m.startConfServer, typeof m.loadConfig, typeof m.loadConfig({}).port]))"],
      { cwd: app, env },
    );
    assert.deepEqual(JSON.parse(stdout), ['function', 'function', 'number']);
  });
});

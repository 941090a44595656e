/**
 * Storybook smoke + accessibility test: builds the static Storybook, serves it on a loopback
 * port, opens stories in Chromium and checks that they render the elements, then runs axe-core
 * on every story and fails on any 'serious' or 'critical' violation.
 *
 *   npm run test:storybook
 *
 * The build is skipped when storybook-static/ is newer than every source it is made from
 * (stories, components, src, .storybook, the manifest config), except under CI=true, where it
 * always builds. STORYBOOK_SKIP_BUILD=1 forces reuse, STORYBOOK_BUILD=1 forces a build.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_BASE_ARGS } from '../chromium.mjs';

const root = resolve(import.meta.dirname, '../..');
const outDir = join(root, 'storybook-static');
const require = createRequire(import.meta.url);

// --- build ------------------------------------------------------------------------------------

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules') continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

function needsBuild(): boolean {
  if (process.env.STORYBOOK_BUILD === '1' || process.env.CI === 'true') return true;
  if (process.env.STORYBOOK_SKIP_BUILD === '1') return false;
  const built = join(outDir, 'index.json');
  if (!existsSync(built)) return true;
  const inputs = ['stories', 'components', 'src', '.storybook', 'custom-elements-manifest.config.mjs', 'package.json'];
  const newestInput = Math.max(...inputs.map((p) => newestMtime(join(root, p))));
  return newestInput > statSync(built).mtimeMs;
}

function build(): void {
  const started = Date.now();
  // Regenerates custom-elements.json, then builds storybook-static/ (offline, telemetry off).
  execFileSync('npm', ['run', '--silent', 'build-storybook'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, STORYBOOK_DISABLE_TELEMETRY: '1' },
  });
  console.log(`# built storybook-static in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

// --- static server ----------------------------------------------------------------------------

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

function serve(dir: string): Promise<Server> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let path = normalize(join(dir, decodeURIComponent(url.pathname)));
    if (!path.startsWith(dir + sep) && path !== dir) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(path) && statSync(path).isDirectory()) path = join(path, 'index.html');
    if (!existsSync(path)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' });
    createReadStream(path).pipe(res);
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

// --- browser ----------------------------------------------------------------------------------

let server: Server;
let browser: Browser;
let context: BrowserContext;
let base: string;
let stories: { id: string; title: string; name: string }[] = [];
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

before(async () => {
  if (needsBuild()) build();
  else console.log('# storybook-static is up to date, not rebuilt');
  const index = JSON.parse(readFileSync(join(outDir, 'index.json'), 'utf8')) as {
    entries: Record<string, { id: string; type: string; title: string; name: string }>;
  };
  stories = Object.values(index.entries).filter((e) => e.type === 'story');
  server = await serve(outDir);
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_BASE_ARGS,
  });
  context = await browser.newContext({ viewport: { width: 1200, height: 800 }, colorScheme: 'dark' });
});

after(async () => {
  await context?.close();
  await browser?.close();
  await new Promise((ok) => (server ? server.close(ok) : ok(undefined)));
});

type PreviewWindow = Window & {
  __STORYBOOK_PREVIEW__?: { storyRenders: { id: string; phase?: string }[] };
  __STORYBOOK_ADDONS_CHANNEL__?: { emit(event: string, payload: unknown): void };
};

/**
 * A preview iframe page kept for many stories: the first story is loaded by URL
 * (`iframe.html?id=...&viewMode=story`), later ones are switched to through the preview's channel,
 * as the Storybook UI (and Storybook's own test-runner) does. That skips re-parsing the preview
 * bundle for every story; the previous story is torn down (and its fake media stopped) as usual.
 * The tests share one; the axe pass uses two side by side (one renderer process each).
 */
class StoryViewer {
  #page: Page | undefined;
  #currentId = '';
  readonly #errors: string[] = [];
  /** A context of its own (its own renderer process), or the shared one. */
  readonly #own: boolean;

  constructor(own = false) {
    this.#own = own;
  }

  async show(id: string): Promise<Page> {
    if (!this.#page || this.#page.isClosed()) {
      const on = this.#own ? await browser.newContext({ viewport: { width: 1200, height: 800 }, colorScheme: 'dark' }) : context;
      this.#page = await on.newPage();
      this.#currentId = '';
      this.#page.on('pageerror', (error) => this.#errors.push(error.message));
    }
    const page = this.#page;
    if (!this.#currentId || this.#currentId === id) {
      await page.goto(`${base}/iframe.html?id=${encodeURIComponent(id)}&viewMode=story`);
    } else {
      await page.evaluate((storyId) => {
        (window as PreviewWindow).__STORYBOOK_ADDONS_CHANNEL__!.emit('setCurrentStory', { storyId, viewMode: 'story' });
      }, id);
    }
    this.#currentId = id;
    this.#errors.length = 0;
    const phase = await page
      .waitForFunction(
        (storyId) => {
          const renders = (window as PreviewWindow).__STORYBOOK_PREVIEW__?.storyRenders ?? [];
          const render = renders.find((r) => r.id === storyId);
          const p = render?.phase;
          return p === 'completed' || p === 'finished' || p === 'errored' || p === 'aborted' ? p : false;
        },
        id,
        { timeout: 15_000 },
      )
      .then((h) => h.jsonValue());
    const shownError = await page.evaluate(() =>
      document.body.classList.contains('sb-show-errordisplay') ? (document.querySelector('#error-message')?.textContent ?? 'error') : null,
    );
    assert.ok(phase === 'completed' || phase === 'finished', `story ${id} ended in phase ${phase}: ${shownError ?? ''}`);
    assert.equal(shownError, null, `story ${id} shows an error: ${shownError}`);
    // Let the Lit elements (and those in their shadow roots) finish their updates.
    // (No named inner functions here: tsx would wrap them in a `__name` helper the page lacks.)
    await page.evaluate(async () => {
      const all: (Element & { updateComplete?: Promise<unknown> })[] = [];
      const roots: ParentNode[] = [document.querySelector('#storybook-root')!];
      while (roots.length) {
        for (const el of roots.pop()!.querySelectorAll('*')) {
          all.push(el);
          if (el.shadowRoot) roots.push(el.shadowRoot);
        }
      }
      await Promise.all(all.map((el) => el.updateComplete));
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    });
    assert.deepEqual(this.#errors, [], `page errors in ${id}`);
    return page;
  }
}

const viewer = new StoryViewer();

async function withStory<T>(id: string, fn: (page: Page) => Promise<T>, on: StoryViewer = viewer): Promise<T> {
  return fn(await on.show(id));
}

// --- manifest and reference pages ----------------------------------------------------------

test('custom-elements.json lists every element, and docs/elements matches it', () => {
  const manifest = JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8')) as {
    modules: { declarations?: { tagName?: string; summary?: string }[] }[];
  };
  const tags = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.tagName);
  for (const tag of ['conf-room', 'conf-tile', 'mic-meter', 'conf-controls', 'device-picker', 'screen-share-button']) {
    const element = tags.find((d) => d.tagName === tag);
    assert.ok(element, `${tag} is missing from custom-elements.json`);
    assert.ok(element.summary, `${tag} has no @summary in custom-elements.json`);
  }
  // Every element has stories.
  const titles = new Set(stories.map((s) => s.title));
  for (const { tagName } of tags) assert.ok(titles.has(`Elements/${tagName}`), `no stories for <${tagName}> (stories/${tagName}.stories.ts)`);
  // The Markdown reference is generated from the manifest: fail when it was not regenerated.
  execFileSync(process.execPath, [join(root, 'scripts/gen-element-docs.mjs'), '--check'], { cwd: root, stdio: 'pipe' });
});

// --- rendering --------------------------------------------------------------------------------

test('conf-room stories render one tile per participant', async () => {
  const cases: [string, number][] = [
    ['elements-conf-room--joined-alone', 1],
    ['elements-conf-room--joined-2', 2],
    ['elements-conf-room--joined-6', 6],
    ['elements-conf-room--joined-12', 12],
  ];
  for (const [id, tiles] of cases) {
    await withStory(id, async (page) => {
      const info = await page.evaluate(() => {
        const room = document.querySelector('conf-room')!;
        const grid = room.shadowRoot!.querySelector('[part~="grid"]')!;
        const list = [...grid.querySelectorAll('conf-tile')];
        return {
          connection: room.getAttribute('connection'),
          tiles: list.length,
          rendered: list.filter((t) => t.shadowRoot?.querySelector('[part~="name"]')).length,
          local: list.filter((t) => t.hasAttribute('local')).length,
        };
      });
      assert.deepEqual(info, { connection: 'joined', tiles, rendered: tiles, local: 1 }, id);
    });
  }
});

test('conf-room shows screen shares on its stage', async () => {
  for (const [id, local] of [
    ['elements-conf-room--presenting', 0],
    ['elements-conf-room--self-presenting', 1],
  ] as const) {
    await withStory(id, async (page) => {
      const screens = await page.evaluate(() => {
        const tiles = [...document.querySelector('conf-room')!.shadowRoot!.querySelectorAll('conf-screen-tile')];
        return { count: tiles.length, local: tiles.filter((t) => t.hasAttribute('local')).length };
      });
      assert.deepEqual(screens, { count: 1, local }, id);
    });
  }
});

test('conf-room stories show the connection state and each error', async () => {
  for (const connection of ['connecting', 'reconnecting', 'closed']) {
    await withStory(`elements-conf-room--${connection}`, async (page) => {
      assert.equal(await page.locator('conf-room').getAttribute('connection'), connection);
    });
  }
  for (const code of ['permission-denied', 'room-full', 'server-unreachable', 'protocol-mismatch']) {
    await withStory(`elements-conf-room--error-${code}`, async (page) => {
      const card = page.locator(`conf-room [part~="error"][data-code="${code}"]`);
      assert.equal(await card.count(), 1, code);
      assert.equal(await card.getAttribute('role'), 'alert');
    });
  }
});

test('conf-tile stories render video, initials, placeholder, speaking and local', async () => {
  await withStory('elements-conf-tile--video', async (page) => {
    const playing = await page.waitForFunction(() => {
      const video = document.querySelector('conf-tile')!.shadowRoot!.querySelector('video')!;
      return !video.hidden && video.srcObject !== null && video.readyState >= 2;
    });
    assert.ok(await playing.jsonValue());
  });
  await withStory('elements-conf-tile--video-off', async (page) => {
    assert.equal(await page.locator('conf-tile [part~="avatar"]').textContent(), 'AL');
    assert.equal(await page.locator('conf-tile').getAttribute('video-off'), '');
  });
  await withStory('elements-conf-tile--no-track', async (page) => {
    assert.equal(await page.locator('conf-tile [part~="placeholder"]').count(), 1);
  });
  await withStory('elements-conf-tile--muted', async (page) => {
    assert.equal(await page.locator('conf-tile [part~="badge-muted"]').count(), 1);
  });
  await withStory('elements-conf-tile--speaking', async (page) => {
    assert.equal(await page.locator('conf-tile').getAttribute('speaking'), '');
  });
  await withStory('elements-conf-tile--local', async (page) => {
    assert.match((await page.locator('conf-tile [part~="name"]').textContent()) ?? '', /\(you\)/);
    assert.equal(await page.locator('conf-tile video.mirrored').count(), 1);
  });
});

test('conf-tile quality stories show the forwarded layer and the viewer\'s choice', async () => {
  await withStory('elements-conf-tile--quality-poor', async (page) => {
    const text = await page.locator('conf-tile quality-badge [part~="base"]').getAttribute('title');
    assert.match(text ?? '', /low T0/i);
    assert.match(text ?? '', /38 kbps/);
  });
  await withStory('elements-conf-tile--quality-medium', async (page) => {
    assert.equal(await page.locator('conf-tile quality-menu [part~="trigger"]').textContent().then((t) => t?.trim()), 'SD');
  });
  await withStory('elements-conf-tile--quality-audio-only', async (page) => {
    assert.equal(await page.locator('conf-tile [part~="avatar"]').count(), 1);
  });
});

test('mic-meter, conf-controls, device-picker and screen-share-button stories work', async () => {
  await withStory('elements-mic-meter--loud', async (page) => {
    assert.equal(await page.locator('mic-meter').getAttribute('aria-valuenow'), '1');
  });
  await withStory('elements-conf-controls--muted', async (page) => {
    const mic = page.locator('conf-controls [part~="mic-button"]');
    assert.equal(await mic.getAttribute('aria-pressed'), 'true');
    await mic.click();
    await page.waitForFunction(
      () => document.querySelector('conf-controls')!.shadowRoot!.querySelector('[part~="mic-button"]')!.getAttribute('aria-pressed') === 'false',
    );
  });
  await withStory('elements-conf-controls--not-joined', async (page) => {
    assert.equal(await page.locator('conf-controls [part~="leave-button"]').isDisabled(), true);
  });
  await withStory('elements-device-picker--open', async (page) => {
    const items = page.locator('device-picker [part~="item"]');
    assert.equal(await items.count(), 3);
    assert.equal(await page.locator('device-picker [part~="menu"]').isVisible(), true);
    assert.equal(await page.locator('device-picker [part~="item"][aria-checked="true"]').getAttribute('data-device-id'), 'mic-2');
  });
  await withStory('elements-screen-share-button--idle', async (page) => {
    const button = page.locator('screen-share-button');
    await button.locator('button').click();
    assert.equal(await button.getAttribute('state'), 'starting');
    await page.waitForFunction(() => document.querySelector('screen-share-button')!.getAttribute('state') === 'sharing');
  });
});

test('the Live story loads the SFU client (mediasoup-client through Vite pre-bundling)', async () => {
  // A port with nothing listening: joining must fail as server-unreachable, which proves the
  // lazily imported ConferenceClient and mediasoup-client loaded as ESM in the built Storybook.
  const closed = await new Promise<number>((ok) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => ok(port));
    });
  });
  await withStory('live-conf-room--live', async (page) => {
    const room = page.locator('conf-room');
    assert.equal(await room.getAttribute('server'), 'http://127.0.0.1:3000');
    await page.evaluate((url) => {
      document.querySelector('conf-room')!.setAttribute('server', url);
    }, `http://127.0.0.1:${closed}`);
    await room.locator('[part~="overlay"] button').click();
    const code = await page
      .waitForFunction(
        () => document.querySelector('conf-room')!.shadowRoot!.querySelector('[part~="error"]')?.getAttribute('data-code'),
        undefined,
        { timeout: 20_000 },
      )
      .then((h) => h.jsonValue());
    assert.equal(code, 'server-unreachable');
  });
});

// --- accessibility ----------------------------------------------------------------------------

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

test('axe: no serious or critical violations in any story', { concurrency: 2 }, async (t) => {
  assert.ok(stories.length >= 40, `expected every story in index.json, found ${stories.length}`);
  const failures: string[] = [];
  // Two viewers, each taking the next story when it is free: every story still runs alone on its page.
  const free = [viewer, new StoryViewer(true)];
  const waiting: ((v: StoryViewer) => void)[] = [];
  const take = () => new Promise<StoryViewer>((ok) => (free.length ? ok(free.pop()!) : waiting.push(ok)));
  const give = (v: StoryViewer) => (waiting.length ? waiting.shift()!(v) : free.push(v));
  const runs = stories.map((story) =>
    t.test(story.id, async () => {
      const on = await take();
      try {
        await axeStory(story, on);
      } finally {
        give(on);
      }
    }),
  );
  await Promise.all(runs);
  if (failures.length) t.diagnostic(`axe violations in ${failures.length} stories:\n${failures.join('\n')}`);

  async function axeStory(story: { id: string; title: string; name: string }, on: StoryViewer): Promise<void> {
    await withStory(story.id, async (page) => {
      if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
      const violations = (await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: unknown[] }> } }).axe;
        // axe's default rule set (WCAG 2.x A/AA and best practices, no experimental rules),
        // on the story's own DOM (shadow roots included), not Storybook's page.
        const result = await axe.run({ include: ['#storybook-root'] }, { resultTypes: ['violations'] });
        return result.violations;
      })) as AxeViolation[];
      const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      const report = bad
        .map((v) => `  ${v.impact} ${v.id} (${v.help}): ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`)
        .join('\n');
      if (bad.length) failures.push(`${story.title} / ${story.name} [${story.id}]\n${report}`);
      assert.equal(bad.length, 0, `${story.id}:\n${report}`);
    }, on);
  }
});

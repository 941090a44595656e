import { defineConfig, type Plugin } from 'vite';
import { resolve } from 'node:path';
import { confKitPreloadMediasoupClient, confKitSlim } from './bundler/index.mjs';
import { litTemplatesMinify } from './bundler/minify-templates.mjs';

// The demo pages live in demo/ and build to dist/demo, which the server serves.
// - index.html: the product demo, public tags only (<conf-room>), URL contract ?room=&name=&user=
// - session.html: a bare ConferenceSession harness (no elements) for end-to-end tests
// - floor.html: a bare mediasoup-client page, the benchmark's floor
const demo = resolve(import.meta.dirname, 'demo');
const pages = ['index', 'session', 'floor'];
// The session core: ConferenceSession's own modules, and the few state and session modules only
// it and lazy elements use. Not the session modules elements use at first paint (audio output,
// the prejoin's recording notice): a build check below keeps index.html's first paint free of it.
const SESSION_CORE =
  /[\\/]src[\\/](?:(?:session|stats|network)[\\/](?!(?:audio-output|room-recording)\.ts$)[\w-]+|state[\\/](?:empty|chat|recording|publishers|devices|levels))\.ts$/;

/** Fails the build if index.html's first paint (its entry and static imports) loads the session core. */
function firstPaintWithoutSessionCore(): Plugin {
  return {
    name: 'demo-first-paint-without-session-core',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = new Map(Object.values(bundle).flatMap((c) => (c.type === 'chunk' ? [[c.fileName, c] as const] : [])));
      const entry = [...chunks.values()].find((c) => c.isEntry && c.facadeModuleId?.endsWith('index.html'));
      const seen = new Set<string>();
      const visit = (name: string) => {
        if (seen.has(name)) return;
        seen.add(name);
        for (const next of chunks.get(name)?.imports ?? []) visit(next);
      };
      if (entry) visit(entry.fileName);
      const core = [...seen].filter((name) => name.includes('session-core'));
      if (core.length > 0) this.error(`index.html's first paint imports the session core (${core.join(', ')}): narrow SESSION_CORE in vite.config.ts`);
    },
  };
}

export default defineConfig({
  root: demo,
  base: './',
  // As an app would ship the kit: mediasoup-client without the handlers no supported browser
  // uses, and the elements' template text minified (docs/architecture.md, "Bundle size"). A page
  // that joins up front (session.html) preloads mediasoup-client, which the session imports on join.
  plugins: [confKitSlim(), litTemplatesMinify(), confKitPreloadMediasoupClient(), firstPaintWithoutSessionCore()],
  build: {
    outDir: resolve(import.meta.dirname, 'dist/demo'),
    emptyOutDir: true,
    sourcemap: true,
    rollupOptions: {
      input: Object.fromEntries(pages.map((p) => [p, resolve(demo, `${p}.html`)])),
      // One chunk for the session core (ConferenceSession and what only it and the lazy room
      // elements use), not five: session.html, which joins at once, then fetches 4 modules instead
      // of 8 before it can open its socket. index.html's first paint imports none of it.
      output: { codeSplitting: { includeDependenciesRecursively: false, groups: [{ name: 'session-core', test: SESSION_CORE }] } },
    },
  },
  server: {
    host: '127.0.0.1',
    proxy: { '/ws': { target: 'ws://127.0.0.1:3000', ws: true } },
  },
});

import { defineConfig } from 'vite';
import { resolve } from 'node:path';
import { confKitPreloadMediasoupClient, confKitSlim } from './bundler/index.mjs';
import { litTemplatesMinify } from './bundler/minify-templates.mjs';

// The demo pages live in demo/ and build to dist/demo, which the server serves.
// - index.html: the product demo, public tags only (<conf-room>), URL contract ?room=&name=&user=
// - session.html: a bare ConferenceSession harness (no elements) for end-to-end tests
// - floor.html: a bare mediasoup-client page, the benchmark's floor
const demo = resolve(import.meta.dirname, 'demo');
const pages = ['index', 'session', 'floor'];

export default defineConfig({
  root: demo,
  base: './',
  // As an app would ship the kit: mediasoup-client without the handlers no supported browser
  // uses, and the elements' template text minified (docs/architecture.md, "Bundle size"). A page
  // that joins up front (session.html) preloads mediasoup-client, which the session imports on join.
  plugins: [confKitSlim(), litTemplatesMinify(), confKitPreloadMediasoupClient()],
  build: {
    outDir: resolve(import.meta.dirname, 'dist/demo'),
    emptyOutDir: true,
    sourcemap: true,
    rollupOptions: {
      input: Object.fromEntries(pages.map((p) => [p, resolve(demo, `${p}.html`)])),
    },
  },
  server: {
    host: '127.0.0.1',
    proxy: { '/ws': { target: 'ws://127.0.0.1:3000', ws: true } },
  },
});

// conf-kit/bundler: optional build plugins that leave out of an app's bundle the parts of
// mediasoup-client that conf-kit's supported browsers never run (docs/architecture.md, "Bundle
// size"): the Chrome74 (Chromium 74-110) and ReactNative106 handlers, the FakeHandler test double
// with its fixtures, and `debug` (replaced by a small stand-in with the same switch). About 11 KB
// min+gzip of mediasoup-client's ~39 KB. Only imports made by mediasoup-client's own files are
// redirected; nothing else in the app changes.
//
//   vite / rollup / rolldown:  plugins: [confKitSlim()]
//   esbuild:                   plugins: [confKitSlimEsbuild()]
import { fileURLToPath } from 'node:url';

const shim = (name) => fileURLToPath(new URL(`./shims/${name}.cjs`, import.meta.url));

/** (specifier, file that imports it) → the shim's path, or null to resolve as usual. */
export function slimMediasoupClientPath(source, importer) {
  if (!importer) return null;
  const from = importer.replace(/\\/g, '/').replace(/\?.*$/, '');
  // mediasoup-client's own dependencies by the same authors log through `debug` too.
  if (source === 'debug' && /\/mediasoup-client\/node_modules\/(awaitqueue|h264-profile-level-id)\/lib\/Logger\.js$/.test(from)) return shim('debug');
  const match = /\/mediasoup-client\/lib\/(Device|index|Logger)\.js$/.exec(from);
  if (!match) return null;
  const file = match[1];
  if (source === 'debug') return shim('debug');
  if (file === 'Device' && /^\.\/handlers\/(Chrome74|ReactNative106)(\.js)?$/.test(source)) return shim('legacy-handler');
  if (file === 'index' && /^\.\/handlers\/FakeHandler(\.js)?$/.test(source)) return shim('fake-handler');
  if (file === 'index' && /^\.\/test\/fakeParameters(\.js)?$/.test(source)) return shim('fake-parameters');
  return null;
}

/** A vite (also rollup and rolldown) plugin. */
export function confKitSlim() {
  return {
    name: 'conf-kit-slim-mediasoup-client',
    enforce: 'pre',
    resolveId(source, importer) {
      return slimMediasoupClientPath(source, importer);
    },
  };
}

/** An esbuild plugin. */
export function confKitSlimEsbuild() {
  return {
    name: 'conf-kit-slim-mediasoup-client',
    setup(build) {
      build.onResolve({ filter: /^(debug|\.\/handlers\/(Chrome74|ReactNative106|FakeHandler)|\.\/test\/fakeParameters)(\.js)?$/ }, (args) => {
        const path = slimMediasoupClientPath(args.path, args.importer);
        return path ? { path } : undefined;
      });
    },
  };
}

const MEDIASOUP_CLIENT_ENTRY = /[\\/]mediasoup-client[\\/]lib[\\/]index\.js$/;

/**
 * A vite plugin (build only): a page whose up-front code (its entry chunk and the chunks those
 * import statically) loads mediasoup-client on demand, as ConferenceSession does on `join()`, gets
 * a `<link rel="modulepreload">` for mediasoup-client's chunk. The browser then downloads (and
 * compiles) it in parallel with the page, without blocking the first paint or DOMContentLoaded,
 * and a join no longer waits for the download; the chunk is still evaluated only on join.
 *
 *   vite:  plugins: [confKitSlim(), confKitPreloadMediasoupClient()]
 */
export function confKitPreloadMediasoupClient() {
  let base = '/';
  return {
    name: 'conf-kit-preload-mediasoup-client',
    apply: 'build',
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const { bundle, chunk: entry } = ctx;
        if (!bundle || !entry) return html;
        const chunks = Object.values(bundle).filter((c) => c.type === 'chunk');
        const target = chunks.find((c) => (c.moduleIds ?? Object.keys(c.modules ?? {})).some((id) => MEDIASOUP_CLIENT_ENTRY.test(id)));
        if (!target) return html;
        const byName = new Map(chunks.map((c) => [c.fileName, c]));
        // The page's up-front chunks: the entry and its static imports, transitively.
        const upFront = new Set();
        const visit = (name) => {
          if (upFront.has(name)) return;
          upFront.add(name);
          for (const next of byName.get(name)?.imports ?? []) visit(next);
        };
        visit(entry.fileName);
        if (upFront.has(target.fileName)) return html; // a static import: vite preloads it already
        const lazy = [...upFront].some((name) => byName.get(name)?.dynamicImports?.includes(target.fileName));
        if (!lazy) return html;
        const relative = base === '' || base.startsWith('.');
        const href = relative ? relativeHref(ctx.path, target.fileName) : `${base}${target.fileName}`;
        return [{ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href }, injectTo: 'head' }];
      },
    },
  };
}

/** `file` (relative to the output root) as seen from the page at URL path `pagePath`. */
function relativeHref(pagePath, file) {
  const depth = pagePath.split('/').filter(Boolean).length - 1;
  return `${depth > 0 ? '../'.repeat(depth) : './'}${file}`;
}

// conf-kit/bundler: the slim mediasoup-client plugin and its shims, and the Lit template minifier.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { build } from 'esbuild';
import { confKitSlimEsbuild, slimMediasoupClientPath } from '../../bundler/index.mjs';
import { minifyLitTemplates } from '../../bundler/minify-templates.mjs';

const require = createRequire(import.meta.url);
const root = resolve(import.meta.dirname, '../..');
const lib = resolve(root, 'node_modules/mediasoup-client/lib');

test('the slim plugin redirects only imports made by mediasoup-client itself', () => {
  assert.match(slimMediasoupClientPath('./handlers/Chrome74', `${lib}/Device.js`)!, /legacy-handler\.cjs$/);
  assert.match(slimMediasoupClientPath('./handlers/ReactNative106', `${lib}/Device.js`)!, /legacy-handler\.cjs$/);
  assert.match(slimMediasoupClientPath('./handlers/FakeHandler', `${lib}/index.js`)!, /fake-handler\.cjs$/);
  assert.match(slimMediasoupClientPath('./test/fakeParameters', `${lib}/index.js`)!, /fake-parameters\.cjs$/);
  assert.match(slimMediasoupClientPath('debug', `${lib}/Logger.js`)!, /debug\.cjs$/);
  assert.match(slimMediasoupClientPath('debug', `${root}/node_modules/mediasoup-client/node_modules/awaitqueue/lib/Logger.js`)!, /debug\.cjs$/);
  // The handlers conf-kit's browsers use, and anyone else's `debug`, resolve as usual.
  assert.equal(slimMediasoupClientPath('./handlers/Chrome111', `${lib}/Device.js`), null);
  assert.equal(slimMediasoupClientPath('./handlers/Firefox120', `${lib}/Device.js`), null);
  assert.equal(slimMediasoupClientPath('./handlers/Safari12', `${lib}/Device.js`), null);
  assert.equal(slimMediasoupClientPath('debug', resolve(root, 'node_modules/some-lib/index.js')), null);
  assert.equal(slimMediasoupClientPath('./handlers/Chrome74', resolve(root, 'src/session/connection.ts')), null);
  assert.equal(slimMediasoupClientPath('debug', undefined), null);
});

async function bundleDevice(slim: boolean) {
  const result = await build({
    stdin: {
      contents: `import { Device } from 'mediasoup-client';
        const make = (handlerName) => { try { return new Device({ handlerName }).handlerName; } catch (e) { return e.name + ': ' + e.message; } };
        globalThis.__out = { chrome111: make('Chrome111'), chrome74: make('Chrome74'), rn: make('ReactNative106') };`,
      resolveDir: root,
      loader: 'js',
    },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    write: false,
    metafile: true,
    logLevel: 'silent',
    plugins: slim ? [confKitSlimEsbuild() as never] : [],
  });
  const inputs = Object.keys(result.metafile.inputs);
  const g = globalThis as { __out?: Record<string, string> };
  new Function(result.outputFiles[0]!.text)();
  const out = g.__out!;
  delete g.__out;
  return { inputs, out, bytes: result.outputFiles[0]!.contents.length };
}

test('a slim bundle leaves the legacy handlers, the FakeHandler and debug out, and keeps a working Device', async () => {
  const full = await bundleDevice(false);
  const slim = await bundleDevice(true);
  const has = (inputs: string[], re: RegExp) => inputs.some((i) => re.test(i));
  for (const re of [/handlers\/Chrome74\.js$/, /handlers\/ReactNative106\.js$/, /handlers\/FakeHandler\.js$/, /node_modules\/debug\//, /fake-mediastreamtrack/]) {
    assert.equal(has(full.inputs, re), true, `the full build has ${re}`);
    assert.equal(has(slim.inputs, re), false, `the slim build leaves out ${re}`);
  }
  assert.equal(has(slim.inputs, /handlers\/Chrome111\.js$/), true);
  assert.equal(has(slim.inputs, /handlers\/Firefox120\.js$/), true);
  assert.equal(has(slim.inputs, /handlers\/Safari12\.js$/), true);
  assert.ok(slim.bytes < full.bytes * 0.9, `slim ${slim.bytes} B vs full ${full.bytes} B`);
  assert.equal(slim.out.chrome111, 'Chrome111');
  assert.equal(full.out.chrome74, 'Chrome74');
  // Left out: creating it fails as an unsupported device (the session then tries Chrome111).
  assert.match(slim.out.chrome74!, /^UnsupportedError: .*Chrome74.*left out/);
  assert.match(slim.out.rn!, /^UnsupportedError: .*ReactNative106.*left out/);
});

test('the debug stand-in honours debug patterns, exclusions, enable() and disable()', () => {
  const createDebug = require('../../bundler/shims/debug.cjs') as ((ns: string) => ((...a: unknown[]) => void) & { log: (...a: unknown[]) => void; enabled: boolean }) & {
    enable(p: string): void;
    disable(): string;
    enabled(ns: string): boolean;
    default: unknown;
  };
  assert.equal(createDebug.default, createDebug);
  const lines: unknown[][] = [];
  const device = createDebug('mediasoup-client:Device');
  const transport = createDebug('mediasoup-client:Transport');
  device.log = transport.log = (...a: unknown[]) => lines.push(a);
  device('quiet %s', 1);
  assert.deepEqual(lines, []);
  createDebug.enable('mediasoup-client:*,-mediasoup-client:Transport');
  device('shown %s', 2);
  transport('hidden');
  device({ an: 'object' });
  assert.deepEqual(lines, [['mediasoup-client:Device shown %s', 2], ['mediasoup-client:Device', { an: 'object' }]]);
  assert.equal(device.enabled, true);
  assert.equal(createDebug.enabled('mediasoup-client:Transport'), false);
  assert.equal(createDebug.disable(), 'mediasoup-client:*,-mediasoup-client:Transport');
  device('quiet again');
  assert.equal(lines.length, 2);
});

test('minifyLitTemplates collapses css and html template text and leaves the code alone', () => {
  const src = [
    "const s = css`",
    '  /* a comment */',
    '  :host {',
    '    display: flex;',
    '    color: ${c};',
    '  }',
    '  a :hover, b { margin: 0 ; }',
    '`;',
    "const url = 'http://x/`not-a-template`';",
    'const re = /[`]/g;',
    'const plain = `keep   ${"this"}\n   text`;',
    'function render() {',
    '  return html`',
    '    <div part="base">',
    '      ${items.map((i) => html`',
    '        <span>${i}</span>',
    '      `)}',
    '    </div>',
    '  `;',
    '}',
  ].join('\n');
  const out = minifyLitTemplates(src);
  assert.ok(out.includes('css` :host{display: flex;color: ${c};}a :hover,b{margin: 0;}`'), out);
  assert.ok(out.includes('html` <div part="base"> ${items.map((i) => html` <span>${i}</span> `)} </div> `'), out);
  assert.ok(out.includes("const url = 'http://x/`not-a-template`';"));
  assert.ok(out.includes('const re = /[`]/g;'));
  assert.ok(out.includes('const plain = `keep   ${"this"}\n   text`;'), 'untagged templates are kept');
});

test('minifyLitTemplates keeps <pre> and <textarea> templates, and returns a source it cannot scan unchanged', () => {
  const pre = 'const t = html`<pre>\n  a\n    b\n</pre>`;';
  assert.equal(minifyLitTemplates(pre), pre);
  const broken = 'const t = html`<div>\n  ${oops(\n</div>';
  assert.equal(minifyLitTemplates(broken), broken);
  const none = 'export const x = 1;\n';
  assert.equal(minifyLitTemplates(none), none);
});

/**
 * The built package (dist/lib, made by `npm run build`, which npm test runs first): every public
 * entry imports in Node without a DOM, exports what it promises, and bundles no copy of its
 * dependencies.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(`${root}/package.json`, 'utf8'));

test('every export path resolves to a built file and imports in Node without a DOM', async () => {
  assert.equal(typeof (globalThis as any).document, 'undefined');
  const paths = Object.entries(pkg.exports as Record<string, any>).filter(([k]) => !k.endsWith('.json'));
  assert.ok(paths.length >= 9);
  for (const [subpath, target] of paths) {
    const mod = await import(`${root}/${target.default}`);
    assert.ok(Object.keys(mod).length > 0, `${subpath} exports something`);
    readFileSync(`${root}/${target.types}`); // declarations exist
  }
});

test('conf-kit exports the core and the elements; conf-kit/core has no elements', async () => {
  const all = await import(`${root}/dist/lib/index.js`);
  for (const name of ['ConferenceClient', 'ConferenceSession', 'ConferenceError', 'ConfRoom', 'ConfTile', 'MicMeter', 'ConfControls', 'sessionContext']) {
    assert.ok(name in all, `conf-kit exports ${name}`);
  }
  const core = await import(`${root}/dist/lib/core.js`);
  assert.ok('ConferenceClient' in core && 'PROTOCOL_VERSION' in core);
  assert.ok(!('ConfRoom' in core), 'core stays free of elements');
});

test('the library bundles no copy of lit or mediasoup-client', () => {
  const files = readdirSync(`${root}/dist/lib`).filter((f) => f.endsWith('.js'));
  for (const file of files) {
    const text = readFileSync(`${root}/dist/lib/${file}`, 'utf8');
    assert.doesNotMatch(text, /class Device\b|createSendTransport\s*\(\s*\{\s*id/, `${file} must not inline mediasoup-client`);
    assert.doesNotMatch(text, /class ReactiveElement\b|class LitElement extends/, `${file} must not inline lit`);
  }
});

test('conf-kit/react wraps every element and keeps react and @lit/react external', async () => {
  const mod = await import(`${root}/dist/lib/react.js`);
  const wrappers = ['ConfRoom', 'ConfTile', 'MicMeter', 'ConfControls', 'DevicePicker', 'ScreenShareButton', 'ConfPrejoin', 'ConfScreenTile', 'QualityBadge', 'QualityMenu'];
  for (const name of wrappers) {
    assert.equal(typeof mod[name]?.render, 'function', `conf-kit/react exports the ${name} component`);
    assert.equal(mod[name].displayName, name);
  }
  const text = readFileSync(`${root}/dist/lib/react.js`, 'utf8');
  assert.match(text, /from "react"/);
  assert.match(text, /from "@lit\/react"/);
  assert.doesNotMatch(text, /const createComponent = |__CLIENT_INTERNALS|ReactSharedInternals/, 'neither react nor @lit/react is bundled');
  assert.equal(pkg.peerDependenciesMeta?.react?.optional, true, 'react is an optional peer dependency');
});

test('custom-elements.json and conf-kit/react agree: a wrapper per element, mapping every documented event', async () => {
  const manifest = JSON.parse(readFileSync(`${root}/${pkg.customElements}`, 'utf8'));
  const elements: { tagName: string; name: string; events?: { name: string }[] }[] = manifest.modules.flatMap(
    (m: any) => (m.declarations ?? []).filter((d: any) => d.tagName),
  );
  assert.ok(elements.length >= 10);
  const mod = await import(`${root}/dist/lib/react.js`);
  for (const element of elements) {
    const wrapperName = element.tagName.replace(/(^|-)(\w)/g, (_: string, __: string, c: string) => c.toUpperCase());
    assert.equal(mod[wrapperName]?.displayName, wrapperName, `a React wrapper ${wrapperName} for <${element.tagName}>`);
    const mapped = Object.values(mod.reactEvents[element.tagName] ?? {});
    for (const event of element.events ?? []) {
      assert.ok(mapped.includes(event.name), `${wrapperName} maps ${event.name}`);
    }
  }
});

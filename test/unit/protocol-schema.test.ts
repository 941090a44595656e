/**
 * One source of truth for the wire: the zod schemas of src/protocol/schema.ts.
 * - src/protocol/wire.gen.ts (the plain types protocol.ts exports) is what the generator prints now,
 *   and equals `z.infer` of every schema (checked at compile time below, by `npm run typecheck`);
 * - docs/protocol.md lists exactly the schema module's methods, notifications and error codes;
 * - the browser builds (dist/lib, dist/demo) contain no zod.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { renderWireTypes, WIRE_OBJECTS_FILE, WIRE_TYPES_FILE } from '../../scripts/gen-protocol-types.js';
import { errorCode, namedSchemas, notificationSchemas, requestSchemas } from '../../src/protocol/schema.js';
import type * as Wire from '../../src/protocol/wire.gen.js';
import type { ErrorCode, NotificationMethod, Notifications, RequestMethod, Requests } from '../../src/protocol/protocol.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

// ---------------------------------------------------------------------------
// Compile time: the generated types are exactly z.infer of the schemas (both directions).
// ---------------------------------------------------------------------------
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Named = typeof namedSchemas;
const same = <T extends true>(): T => true as T;
const namedSame: Record<keyof Named, true> = {
  ErrorCode: same<Same<Wire.ErrorCode, z.infer<Named['ErrorCode']>>>(),
  ChatMessage: same<Same<Wire.ChatMessage, z.infer<Named['ChatMessage']>>>(),
  ChatInfo: same<Same<Wire.ChatInfo, z.infer<Named['ChatInfo']>>>(),
  CallType: same<Same<Wire.CallType, z.infer<Named['CallType']>>>(),
  MediaKind: same<Same<Wire.MediaKind, z.infer<Named['MediaKind']>>>(),
  MediaSource: same<Same<Wire.MediaSource, z.infer<Named['MediaSource']>>>(),
  TransportDirection: same<Same<Wire.TransportDirection, z.infer<Named['TransportDirection']>>>(),
  ProducerInfo: same<Same<Wire.ProducerInfo, z.infer<Named['ProducerInfo']>>>(),
  PublisherInfo: same<Same<Wire.PublisherInfo, z.infer<Named['PublisherInfo']>>>(),
  Permissions: same<Same<Wire.Permissions, z.infer<Named['Permissions']>>>(),
  PlainTransportInfo: same<Same<Wire.PlainTransportInfo, z.infer<Named['PlainTransportInfo']>>>(),
  IngestStats: same<Same<Wire.IngestStats, z.infer<Named['IngestStats']>>>(),
  CallStatus: same<Same<Wire.CallStatus, z.infer<Named['CallStatus']>>>(),
  CallEndReason: same<Same<Wire.CallEndReason, z.infer<Named['CallEndReason']>>>(),
  IncomingCall: same<Same<Wire.IncomingCall, z.infer<Named['IncomingCall']>>>(),
  CallInfo: same<Same<Wire.CallInfo, z.infer<Named['CallInfo']>>>(),
  CallPresence: same<Same<Wire.CallPresence, z.infer<Named['CallPresence']>>>(),
  CallsConnectParams: same<Same<Wire.CallsConnectParams, z.infer<Named['CallsConnectParams']>>>(),
  CallsConnectResult: same<Same<Wire.CallsConnectResult, z.infer<Named['CallsConnectResult']>>>(),
  CallStartParams: same<Same<Wire.CallStartParams, z.infer<Named['CallStartParams']>>>(),
  RecordingState: same<Same<Wire.RecordingState, z.infer<Named['RecordingState']>>>(),
  JoinParams: same<Same<Wire.JoinParams, z.infer<Named['JoinParams']>>>(),
  JoinResult: same<Same<Wire.JoinResult, z.infer<Named['JoinResult']>>>(),
  TransportInfo: same<Same<Wire.TransportInfo, z.infer<Named['TransportInfo']>>>(),
  ConsumerInfo: same<Same<Wire.ConsumerInfo, z.infer<Named['ConsumerInfo']>>>(),
  PreferredLayersItem: same<Same<Wire.PreferredLayersItem, z.infer<Named['PreferredLayersItem']>>>(),
  ResumeResult: same<Same<Wire.ResumeResult, z.infer<Named['ResumeResult']>>>(),
};
type RS = typeof requestSchemas;
type RequestsSame = {
  [M in RequestMethod]: [Same<Requests[M][0], z.infer<RS[M]['params']>>, Same<Requests[M][1], z.infer<RS[M]['result']>>];
};
type NotificationsSame = { [N in NotificationMethod]: Same<Notifications[N], z.infer<(typeof notificationSchemas)[N]['data']>> };
// Each fails to compile when one entry is `false`.
const requestsSame: Record<RequestMethod, [true, true]> = null as unknown as RequestsSame;
const notificationsSame: Record<NotificationMethod, true> = null as unknown as NotificationsSame;
const methodsSame: [true, true, true] = null as unknown as [
  Same<RequestMethod, keyof RS>,
  Same<NotificationMethod, keyof typeof notificationSchemas>,
  Same<ErrorCode, z.infer<typeof errorCode>>,
];
void [namedSame, requestsSame, notificationsSame, methodsSame];

describe('protocol: the schemas are the one source of truth', () => {
  it('src/protocol/wire.gen.ts is up to date (run `npm run gen:protocol` after changing a schema)', () => {
    for (const [file, text] of Object.entries(renderWireTypes())) assert.equal(readFileSync(file, 'utf8'), text, file);
  });

  it('the generated types describe every method, notification and error code of the schemas', () => {
    const text = [WIRE_TYPES_FILE, WIRE_OBJECTS_FILE].map((file) => readFileSync(file, 'utf8')).join('\n');
    for (const m of [...Object.keys(requestSchemas), ...Object.keys(notificationSchemas)]) {
      assert.match(text, new RegExp(`^  ${m}: `, 'm'), `wire.gen.ts has ${m}`);
    }
    for (const code of errorCode.options) assert.ok(text.includes(`'${code}'`), `wire.gen.ts has error code ${code}`);
  });
});

/** The lines of one `## Title` section of a markdown file. */
function section(markdown: string, title: string): string {
  const start = markdown.indexOf(`\n## ${title}\n`);
  assert.ok(start >= 0, `docs/protocol.md has a "## ${title}" section`);
  const end = markdown.indexOf('\n## ', start + 1);
  return markdown.slice(start, end < 0 ? undefined : end);
}

/** First-column names of a markdown table: "| `name` | ...". */
const tableNames = (text: string) => [...text.matchAll(/^\| `([\w-]+)` \|/gm)].map((m) => m[1]!);

describe('docs/protocol.md matches the schema module', () => {
  const doc = readFileSync(path.join(root, 'docs/protocol.md'), 'utf8');
  const sorted = (xs: Iterable<string>) => [...new Set(xs)].sort();

  it('lists exactly the request methods (in "### `method`" headings, or a methods table)', () => {
    const methods = section(doc, 'Methods');
    const headings = [...methods.matchAll(/^### (.+)$/gm)].flatMap((m) => [...m[1]!.matchAll(/`(\w+)`/g)].map((n) => n[1]!));
    const documented = [...headings, ...tableNames(methods)];
    assert.deepEqual(sorted(documented), sorted(Object.keys(requestSchemas)));
  });

  it('lists exactly the notifications', () => {
    assert.deepEqual(sorted(tableNames(section(doc, 'Notifications'))), sorted(Object.keys(notificationSchemas)));
  });

  it('lists exactly the error codes', () => {
    assert.deepEqual(sorted(tableNames(section(doc, 'Error codes'))), sorted(errorCode.options));
  });
});

describe('no zod in the browser builds', () => {
  /** Strings every zod 4 bundle carries (its error class and its internal type tags). */
  const ZOD = /ZodError|\$ZodType|_zod\b|zod\/v4/;
  const jsFiles = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true, recursive: true })
      .filter((e) => e.isFile() && e.name.endsWith('.js'))
      .map((e) => path.join(e.parentPath, e.name));

  it('the check finds zod in a minified bundle that uses it', async () => {
    const { build } = await import('esbuild');
    const out = await build({
      stdin: { contents: "import { z } from 'zod'; export const ok = z.object({ a: z.string() }).parse({ a: 'x' });", resolveDir: root },
      bundle: true,
      minify: true,
      format: 'esm',
      write: false,
      logLevel: 'silent',
    });
    assert.match(out.outputFiles[0]!.text, ZOD);
  });

  for (const dir of ['dist/lib', 'dist/demo']) {
    it(`${dir}/**/*.js contains no zod`, () => {
      const files = jsFiles(path.join(root, dir));
      assert.ok(files.length > 0, `${dir} is built`);
      for (const file of files) assert.doesNotMatch(readFileSync(file, 'utf8'), ZOD, `${path.relative(root, file)} must not bundle zod`);
    });
  }

  it('no published .d.ts of the kit imports zod', () => {
    const files = readdirSync(path.join(root, 'dist/types'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.d.ts'));
    assert.ok(files.length > 0);
    for (const file of files) assert.doesNotMatch(readFileSync(path.join(root, 'dist/types', file), 'utf8'), /from ['"]zod/, file);
  });
});

/**
 * `npm run bench:bundle`: the kit's browser bundle, min+gzip, as an app would ship it (esbuild,
 * every dependency bundled: lit, mediasoup-client, floating-ui). Two numbers:
 * - whole kit: every chunk of `conf-kit` (components/index.ts);
 * - before first paint: the entry chunk plus what it imports statically (mediasoup-client is a
 *   dynamic import on join, so it is not in it).
 * Prints a Markdown table row; numbers, not a test.
 */
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const outdir = mkdtempSync(join(tmpdir(), 'conf-kit-bundle-'));
try {
  const result = await build({
    entryPoints: { kit: resolve(root, 'components/index.ts') },
    bundle: true,
    splitting: true,
    format: 'esm',
    minify: true,
    target: 'es2022',
    outdir,
    absWorkingDir: root,
    metafile: true,
    logLevel: 'error',
  });
  const outputs = result.metafile.outputs;
  const size = (file: string) => gzipSync(readFileSync(resolve(root, file))).length;
  const files = Object.keys(outputs).filter((f) => f.endsWith('.js'));
  const entry = files.find((f) => outputs[f]!.entryPoint)!;
  const firstPaint = new Set<string>();
  const walk = (file: string) => {
    if (firstPaint.has(file)) return;
    firstPaint.add(file);
    for (const imp of outputs[file]!.imports) if (imp.kind === 'import-statement') walk(imp.path);
  };
  walk(entry);
  const kb = (n: number) => (n / 1024).toFixed(1);
  const whole = files.reduce((sum, f) => sum + size(f), 0);
  const first = [...firstPaint].reduce((sum, f) => sum + size(f), 0);
  const lazy = files.filter((f) => !firstPaint.has(f));
  console.log(`| whole kit | ${kb(whole)} KB |`);
  console.log(`| before first paint (entry + static imports) | ${kb(first)} KB |`);
  console.log(`| loaded on join (${lazy.length} chunk${lazy.length === 1 ? '' : 's'}) | ${kb(whole - first)} KB |`);
} finally {
  rmSync(outdir, { recursive: true, force: true });
}

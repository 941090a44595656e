/**
 * The layers (docs/architecture.md): src/ is the core and has no UI. No file under src/ may
 * import lit, @lit/*, @floating-ui/*, react or anything under components/; the arrows run one
 * way, from components/ (the UI layer) to src/ (the core).
 *
 * Specifiers are read with TypeScript's own pre-processor (`ts.preProcessFile`), which lists
 * static imports, `import type`, `export ... from`, side-effect imports and dynamic `import()`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = fileURLToPath(new URL('../..', import.meta.url));
const srcDir = join(root, 'src');
const componentsDir = join(root, 'components');

/** Packages the core must not use: Lit, Floating UI and React. */
const FORBIDDEN_PACKAGES = [/^lit(-html|-element)?(\/|$)/, /^@lit\//, /^@lit-labs\//, /^@floating-ui\//, /^react(-dom)?(\/|$)/];

/** Every module specifier in `source` (imports, re-exports, dynamic imports). */
export function specifiersOf(source: string): string[] {
  const info = ts.preProcessFile(source, true, true);
  return info.importedFiles.map((f) => f.fileName);
}

/** Why `specifier`, imported by the file at `file`, breaks the layering, or null if it does not. */
export function violation(file: string, specifier: string): string | null {
  if (specifier.startsWith('.') || specifier.startsWith('/')) {
    const target = resolve(dirname(file), specifier);
    if (target === componentsDir || target.startsWith(componentsDir + sep)) {
      return `imports the UI layer (${relative(root, target)})`;
    }
    return null;
  }
  if (FORBIDDEN_PACKAGES.some((pattern) => pattern.test(specifier))) return `imports the UI package '${specifier}'`;
  return null;
}

/** The layering violations of one source file, as "path: reason" lines. */
export function violationsIn(file: string, source: string): string[] {
  return specifiersOf(source)
    .map((s) => [s, violation(file, s)] as const)
    .filter((entry): entry is readonly [string, string] => entry[1] !== null)
    .map(([s, why]) => `${relative(root, file)}: ${why} ('${s}')`);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(m|c)?[jt]sx?$/.test(entry.name) ? [path] : [];
  });
}

test('the detector flags every kind of offending import, and nothing else', () => {
  const file = join(srcDir, 'session', 'example.ts');
  const offending = [
    `import { LitElement } from 'lit';`,
    `import { property } from 'lit/decorators.js';`,
    `import { createContext } from '@lit/context';`,
    `import type { Placement } from '@floating-ui/dom';`,
    `import * as React from 'react';`,
    `export { ConfRoom } from '../../components/conf-room/conf-room.js';`,
    `export * from '../../components/index.js';`,
    `import '../../components/conf-tile/conf-tile.js';`,
    `const strings = await import('../../components/i18n/strings.js');`,
  ];
  for (const line of offending) {
    assert.equal(violationsIn(file, line).length, 1, `flags: ${line}`);
  }
  assert.equal(violationsIn(file, offending.join('\n')).length, offending.length);

  const clean = [
    `import { Device } from 'mediasoup-client';`,
    `import type { SessionLike } from './types.js';`,
    `export { Store } from '../state/store.js';`,
    `const { ConferenceClient } = await import('./ConferenceClient.js');`,
    `import { literal } from 'literally';`,
    `import reactive from 'reactive-store';`,
    `// import { LitElement } from 'lit';`,
    `const text = "import { html } from 'lit'";`,
  ];
  for (const line of clean) {
    assert.deepEqual(violationsIn(file, line), [], `does not flag: ${line}`);
  }
});

test('no file under src/ imports lit, @lit/*, @floating-ui/*, react or components/', () => {
  const files = sourceFiles(srcDir);
  assert.ok(files.length >= 20, `found the core's sources (${files.length} files)`);
  const violations = files.flatMap((file) => violationsIn(file, readFileSync(file, 'utf8')));
  assert.deepEqual(violations, [], `src/ is the core only:\n${violations.join('\n')}`);
});

test('the UI layer lives in components/: nothing UI-side is left in src/', () => {
  for (const moved of ['context.ts', 'react.ts', 'controllers', 'i18n']) {
    assert.ok(!existsSync(join(srcDir, moved)), `src/${moved} belongs to components/`);
    assert.ok(existsSync(join(componentsDir, moved)), `components/${moved} exists`);
  }
});

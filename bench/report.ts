/**
 * BENCHMARKS.md is shared by every bench script: each owns one section between
 * `<!-- bench:KEY -->` and `<!-- /bench:KEY -->` markers and rewrites only that section.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const FILE = 'BENCHMARKS.md';

/** Replaces (or appends) the section `key` of BENCHMARKS.md with `body` (markdown, without the markers). */
export function writeBenchSection(key: string, body: string): void {
  const open = `<!-- bench:${key} -->`;
  const close = `<!-- /bench:${key} -->`;
  const section = `${open}\n${body.trim()}\n${close}`;
  const md = existsSync(FILE) ? readFileSync(FILE, 'utf8') : '# Benchmarks\n';
  const start = md.indexOf(open);
  const end = md.indexOf(close);
  const next = start >= 0 && end > start
    ? md.slice(0, start) + section + md.slice(end + close.length)
    : `${md.trimEnd()}\n\n${section}\n`;
  writeFileSync(FILE, next);
}

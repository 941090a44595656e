#!/usr/bin/env node
/**
 * Writes docs/elements/<tag>.md, one reference page per element, and docs/elements/README.md,
 * the index, from custom-elements.json (`npm run analyze`). `npm run docs:elements` runs both.
 *
 *   node scripts/gen-element-docs.mjs           # (re)write the pages
 *   node scripts/gen-element-docs.mjs --check   # exit 1 if a page is missing or out of date
 *
 * Pages list attributes, properties, methods, events, slots, CSS parts and CSS custom properties,
 * exactly as the manifest has them: fix a page by fixing the element's JSDoc, not the page.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'docs/elements');
const check = process.argv.includes('--check');

const manifest = JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8'));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/**
 * Markdown-safe prose: a tag name like <conf-tile> outside code spans becomes `<conf-tile>`
 * (Markdown renderers would otherwise take it for HTML and drop it).
 */
const prose = (text) =>
  String(text ?? '')
    .split('`')
    .map((segment, i) => (i % 2 ? segment : segment.replace(/<([a-z][\w]*-[\w-]*)>/g, '`<$1>`')))
    .join('`');
/** Table cell text: one line, pipes escaped. */
const cell = (value) =>
  value === undefined || value === null || value === ''
    ? ''
    : prose(value).replace(/\r?\n\s*/g, ' ').replace(/\|/g, '\\|').trim();
/** Inline code, safe inside a table cell. */
const code = (value) =>
  value === undefined || value === null || value === ''
    ? ''
    : `\`${String(value).replace(/\r?\n\s*/g, ' ').replace(/\|/g, '\\|').trim()}\``;

function table(headers, rows) {
  if (rows.length === 0) return '';
  return [
    `| ${headers.join(' | ')} |`,
    `| ${headers.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

function section(title, body, intro = '') {
  return body ? `## ${title}\n\n${intro ? `${intro}\n\n` : ''}${body}\n` : '';
}

function importPath(tag) {
  return pkg.exports?.[`./${tag}`] ? `${pkg.name}/${tag}` : pkg.name;
}

function page(element, modulePath) {
  const { tagName: tag } = element;
  const attributes = element.attributes ?? [];
  const fields = (element.members ?? []).filter((m) => m.kind === 'field' && !m.static && m.privacy !== 'private');
  const methods = (element.members ?? []).filter((m) => m.kind === 'method' && !m.static && m.privacy !== 'private');

  const parts = [
    `# \`<${tag}>\``,
    '',
    prose(element.summary),
    '',
    '```js',
    `import '${importPath(tag)}';`,
    '```',
    '',
    '```html',
    `<${tag}></${tag}>`,
    '```',
    '',
    element.description ? `${prose(element.description)}\n` : '',
    `Class \`${element.name}\`, defined in [\`${modulePath}\`](../../${modulePath}).\n`,
    section(
      'Attributes',
      table(
        ['Attribute', 'Property', 'Type', 'Default', 'Description'],
        attributes.map((a) => {
          const field = fields.find((f) => f.name === a.fieldName);
          const reflects = field?.reflects ? ' Reflected.' : '';
          return [code(a.name), code(a.fieldName), code(a.type?.text), code(a.default), cell((a.description ?? '') + reflects)];
        }),
      ),
    ),
    section(
      'Properties',
      table(
        ['Property', 'Attribute', 'Type', 'Default', 'Description'],
        fields.map((f) => [
          code(f.name),
          code(f.attribute),
          code(f.type?.text),
          code(f.default),
          cell(`${f.readonly ? 'Read-only. ' : ''}${f.description ?? ''}`),
        ]),
      ),
    ),
    section(
      'Methods',
      table(
        ['Method', 'Returns', 'Description'],
        methods.map((m) => {
          const params = (m.parameters ?? [])
            .map((p) => `${p.name}${p.optional || p.default !== undefined ? '?' : ''}${p.type ? `: ${p.type.text}` : ''}`)
            .join(', ');
          return [code(`${m.name}(${params})`), code(m.return?.type?.text), cell(m.description)];
        }),
      ),
    ),
    section(
      'Events',
      table(
        ['Event', 'Type', 'Description'],
        (element.events ?? []).map((e) => [code(e.name), code(e.type?.text), cell(e.description)]),
      ),
      'Every event bubbles and is composed, so it can be listened to on any ancestor.',
    ),
    section(
      'Slots',
      table(
        ['Slot', 'Description'],
        (element.slots ?? []).map((s) => [s.name ? code(s.name) : '(default)', cell(s.description)]),
      ),
    ),
    section(
      'CSS parts',
      table(
        ['Part', 'Description'],
        (element.cssParts ?? []).map((p) => [code(p.name), cell(p.description)]),
      ),
      `Style them from outside with \`${tag}::part(name)\`.`,
    ),
    section(
      'CSS custom properties',
      table(
        ['Property', 'Default', 'Description'],
        (element.cssProperties ?? []).map((p) => [code(p.name), code(p.default), cell(p.description)]),
      ),
    ),
    `---\n\nGenerated from \`custom-elements.json\` by \`scripts/gen-element-docs.mjs\` (\`npm run docs:elements\`). Do not edit: change the element's JSDoc instead.\n`,
  ];
  return parts.join('\n').replace(/\n{3,}/g, '\n\n');
}

const elements = [];
for (const mod of manifest.modules ?? []) {
  for (const declaration of mod.declarations ?? []) {
    if (declaration.tagName) elements.push({ element: declaration, modulePath: mod.path });
  }
}
elements.sort((a, b) => a.element.tagName.localeCompare(b.element.tagName));

const files = new Map();
for (const { element, modulePath } of elements) files.set(`${element.tagName}.md`, page(element, modulePath));
files.set(
  'README.md',
  [
    '# Element reference',
    '',
    'One page per element, generated from `custom-elements.json` (`npm run docs:elements`).',
    'Storybook (`npm run storybook`) shows the same reference next to live examples.',
    '',
    table(
      ['Element', 'Summary'],
      elements.map(({ element }) => [`[\`<${element.tagName}>\`](${element.tagName}.md)`, cell(element.summary)]),
    ),
    '',
  ].join('\n'),
);

const stale = [];
const existing = existsSync(outDir) ? readdirSync(outDir).filter((f) => f.endsWith('.md')) : [];
for (const [name, text] of files) {
  const path = join(outDir, name);
  if (existsSync(path) && readFileSync(path, 'utf8') === text) continue;
  stale.push(name);
  if (!check) {
    mkdirSync(outDir, { recursive: true });
    writeFileSync(path, text);
  }
}
for (const name of existing) {
  if (files.has(name)) continue;
  stale.push(`${name} (no such element any more)`);
  if (!check) rmSync(join(outDir, name));
}

if (check) {
  if (stale.length) {
    console.error(`docs/elements is out of date: ${stale.join(', ')}. Run npm run docs:elements.`);
    process.exit(1);
  }
  console.log(`docs/elements is up to date (${files.size} files).`);
} else {
  console.log(`docs/elements: ${stale.length ? `wrote ${stale.join(', ')}` : 'already up to date'} (${files.size} files).`);
}

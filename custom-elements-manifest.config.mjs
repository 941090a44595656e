/**
 * Custom-elements manifest: `npm run analyze` writes custom-elements.json at the repo root.
 * Storybook autodocs/controls, docs/elements/*.md (scripts/gen-element-docs.mjs), IDE hints and
 * framework wrappers all read it. Run with `--litelement` (Lit's @property/@state handling).
 *
 * The elements register with `define('tag', Class)` (components/define.ts) rather than
 * `@customElement` or a bare `customElements.define`, so `defineCallPlugin` below teaches the
 * analyzer that call. `privateMembersPlugin` drops `#private` and `@state` members, which are not
 * public API (the analyzer lists them with `privacy: private`, and they would clutter the docs).
 */

/** Recognises `define('conf-room', ConfRoom)` as a custom element definition. */
function defineCallPlugin() {
  return {
    name: 'conf-kit:define-call',
    analyzePhase({ ts, node, moduleDoc }) {
      if (node.kind !== ts.SyntaxKind.CallExpression) return;
      if (!ts.isIdentifier(node.expression) || node.expression.text !== 'define') return;
      const [tag, klass] = node.arguments;
      if (!tag || !klass || !ts.isStringLiteral(tag) || !ts.isIdentifier(klass)) return;
      moduleDoc.exports = [
        ...(moduleDoc.exports ?? []),
        {
          kind: 'custom-element-definition',
          name: tag.text,
          declaration: { name: klass.text, module: moduleDoc.path },
        },
      ];
    },
  };
}

/**
 * Events are typed classes (components/events.ts: `class ConfJoinedEvent ... super('conf-joined')`).
 * The analyzer sees `dispatchEvent(new ConfJoinedEvent(ids))` but cannot read the event name
 * from the class, so it lists nameless events. The `@event` JSDoc tags are authoritative: this
 * keeps them, gives each its event class as type, and drops the nameless guesses.
 */
function typedEventsPlugin() {
  const eventNames = new Map(); // class name -> event type string
  return {
    name: 'conf-kit:typed-events',
    analyzePhase({ ts, node }) {
      if (!ts.isClassDeclaration(node) || !node.name) return;
      const ctor = node.members.find(ts.isConstructorDeclaration);
      const visit = (n) => {
        if (ts.isCallExpression(n) && n.expression.kind === ts.SyntaxKind.SuperKeyword) {
          const [first] = n.arguments;
          if (first && ts.isStringLiteral(first)) eventNames.set(node.name.text, first.text);
        }
        ts.forEachChild(n, visit);
      };
      if (ctor) visit(ctor);
    },
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) {
        for (const declaration of mod.declarations ?? []) {
          if (!declaration.events) continue;
          const documented = declaration.events.filter((e) => e.name && e.description !== undefined);
          for (const event of documented) {
            const klass = [...eventNames].find(([, name]) => name === event.name)?.[0];
            if (klass) event.type ??= { text: klass };
          }
          declaration.events = documented;
        }
      }
    },
  };
}

/**
 * Re-reads each class's JSDoc text. The analyzer's parser ends a tag at any `@word`, even in the
 * middle of a sentence, so "through @lit/context" or "anchored with @floating-ui/dom" cut the
 * summary short. Here a tag starts only at the beginning of a line. The first paragraph of
 * `@summary` becomes `summary`; the rest (and any text before the tags) becomes `description`.
 */
function classDocsPlugin() {
  const docs = new Map(); // class name -> { summary, description }
  return {
    name: 'conf-kit:class-docs',
    analyzePhase({ ts, node }) {
      if (!ts.isClassDeclaration(node) || !node.name || !node.jsDoc?.length) return;
      const raw = node.jsDoc[node.jsDoc.length - 1].getText();
      const lines = raw
        .replace(/^\/\*\*/, '')
        .replace(/\*\/$/, '')
        .split('\n')
        .map((line) => line.replace(/^\s*\* ?/, ''));
      const blocks = [{ tag: '', text: [] }];
      for (const line of lines) {
        const tag = /^@(\w+)\s?(.*)$/.exec(line);
        if (tag) blocks.push({ tag: tag[1], text: [tag[2]] });
        else blocks[blocks.length - 1].text.push(line);
      }
      const text = (block) => (block ? block.text.join('\n').trim() : '');
      const [first = '', ...rest] = text(blocks.find((b) => b.tag === 'summary')).split(/\n\s*\n/);
      const description = [text(blocks[0]), ...rest].filter(Boolean).join('\n\n');
      docs.set(node.name.text, { summary: first.replace(/\s*\n\s*/g, ' '), description });
    },
    moduleLinkPhase({ moduleDoc }) {
      for (const declaration of moduleDoc.declarations ?? []) {
        const doc = declaration.kind === 'class' && docs.get(declaration.name);
        if (!doc) continue;
        if (doc.summary) declaration.summary = doc.summary;
        else delete declaration.summary;
        declaration.description = doc.description;
      }
    },
  };
}

/** Removes private and protected members (`#fields`, `@state`), which are not public API. */
function privateMembersPlugin() {
  return {
    name: 'conf-kit:private-members',
    moduleLinkPhase({ moduleDoc }) {
      for (const declaration of moduleDoc.declarations ?? []) {
        if (declaration.kind !== 'class' || !declaration.members) continue;
        declaration.members = declaration.members.filter(
          (m) => m.privacy !== 'private' && m.privacy !== 'protected' && !m.name.startsWith('#'),
        );
      }
    },
  };
}

export default {
  globs: ['components/**/*.ts'],
  exclude: [
    // The UI layer's support modules (context keys, controllers, strings, React wrappers) are not
    // elements; the entry (components/index.ts) is covered by the index.ts rule below.
    'components/context.ts',
    'components/react.ts',
    'components/controllers/**',
    'components/i18n/**',
    'components/**/*.styles.ts',
    'components/**/index.ts',
    'components/**/*.test.ts',
    'components/**/*.stories.ts',
  ],
  outdir: '.',
  litelement: true,
  packagejson: false,
  dependencies: false,
  plugins: [defineCallPlugin(), typedEventsPlugin(), classDocsPlugin(), privateMembersPlugin()],
};

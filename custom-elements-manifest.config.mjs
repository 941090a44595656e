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
    'components/**/*.styles.ts',
    'components/**/index.ts',
    'components/**/*.test.ts',
    'components/**/*.stories.ts',
  ],
  outdir: '.',
  litelement: true,
  packagejson: false,
  dependencies: false,
  plugins: [defineCallPlugin(), typedEventsPlugin(), privateMembersPlugin()],
};

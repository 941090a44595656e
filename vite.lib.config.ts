import { defineConfig } from 'vite';
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { litTemplatesMinify } from './bundler/minify-templates.mjs';

// The library build: ES modules in dist/lib, one entry per public import path
// (conf-kit, conf-kit/core, conf-kit/testing, conf-kit/react and one per element). Every
// dependency and peer dependency (react) stays external, so an app bundles exactly one copy of
// lit, mediasoup-client and react.
const here = import.meta.dirname;
// One folder per element, named by its tag (a custom element name always has a hyphen); the UI
// support folders (components/controllers, components/i18n) are not entries.
const elements = readdirSync(resolve(here, 'components'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name.includes('-'))
  .map((d) => d.name);

export const libEntries: Record<string, string> = {
  index: resolve(here, 'components/index.ts'),
  core: resolve(here, 'src/index-core.ts'),
  testing: resolve(here, 'src/testing/index.ts'),
  // Locales: one entry each (conf-kit/i18n/de), so an app loads only the languages it imports.
  'i18n/de': resolve(here, 'components/i18n/locales/de.ts'),
  react: resolve(here, 'components/react.ts'),
  ...Object.fromEntries(elements.map((name) => [name, resolve(here, `components/${name}/index.ts`)])),
};

const pkg = await import('./package.json', { with: { type: 'json' } });
const deps = [
  ...Object.keys(pkg.default.dependencies ?? {}),
  ...Object.keys(pkg.default.peerDependencies ?? {}),
];

export default defineConfig({
  // The elements' template text (css`…`, html`…`) is minified here: an app's JS minifier never
  // touches it. The code itself stays readable (minify: false); the app minifies it.
  plugins: [litTemplatesMinify()],
  build: {
    outDir: resolve(here, 'dist/lib'),
    emptyOutDir: true,
    sourcemap: true,
    minify: false,
    lib: { entry: libEntries, formats: ['es'] },
    rollupOptions: {
      external: (id) => deps.some((d) => id === d || id.startsWith(`${d}/`)),
    },
  },
});

import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import { resolve } from 'node:path';

// conf-kit's tags are custom elements, not Vue components: tell the template compiler.
const confKitTags = new Set([
  'conf-room', 'conf-tile', 'mic-meter', 'conf-controls', 'device-picker', 'screen-share-button',
  'conf-prejoin', 'conf-screen-tile', 'quality-badge', 'quality-menu',
]);

// Built into the demo's output, so the conf-kit server serves it at /examples/vue/.
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('conf-') || confKitTags.has(tag) } } })],
  build: {
    outDir: resolve(import.meta.dirname, '../../dist/demo/examples/vue'),
    emptyOutDir: true,
    sourcemap: true,
    // Quiet builds: no timing report, and conf-kit's lazy session import is shared on purpose.
    rolldownOptions: { checks: { pluginTimings: false, ineffectiveDynamicImport: false } },
  },
});

import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';

// Built into the demo's output, so the conf-kit server serves it at /examples/react/.
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react()],
  build: {
    outDir: resolve(import.meta.dirname, '../../dist/demo/examples/react'),
    emptyOutDir: true,
    sourcemap: true,
    // Quiet builds: no timing report, and conf-kit's lazy session import is shared on purpose.
    rolldownOptions: { checks: { pluginTimings: false, ineffectiveDynamicImport: false } },
  },
});

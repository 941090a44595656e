import { defineConfig } from 'vite';

/**
 * Vite config for Storybook only (referenced from .storybook/main.ts), merged under
 * Storybook's own. The TypeScript transform reads tsconfig.json, whose `experimentalDecorators`
 * and `useDefineForClassFields: false` make Lit's legacy decorators work. mediasoup-client is
 * CommonJS with getter-defined exports: dependency pre-bundling turns it into ESM with named
 * exports (only the Live story loads it, through <conf-room>'s lazy import).
 */
export default defineConfig({
  optimizeDeps: {
    include: ['mediasoup-client', 'lit', '@lit/context', '@floating-ui/dom'],
  },
  server: { host: '127.0.0.1' },
  logLevel: 'warn',
});

import type { StorybookConfig } from '@storybook/web-components-vite';

/**
 * Storybook for the conf-kit elements: every element in every state on a FakeSession
 * (src/testing/), plus a Live story against the local server (`npm start`).
 * Autodocs and controls come from custom-elements.json (`npm run analyze`), see preview.ts.
 * Offline: telemetry, update checks and "what's new" are all off.
 */
const config: StorybookConfig = {
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-docs'],
  framework: {
    name: '@storybook/web-components-vite',
    // A Storybook-only Vite config: the root vite.config.ts builds the demo pages.
    options: { builder: { viteConfigPath: '.storybook/vite.config.ts' } },
  },
  core: {
    disableTelemetry: true,
    disableWhatsNewNotifications: true,
    enableCrashReports: false,
  },
  docs: { defaultName: 'Docs' },
  // Storybook keeps only build.target from the Vite config file; other build options go here.
  viteFinal: async (config) => {
    const { mergeConfig } = await import('vite');
    // Storybook's own manager/preview chunks are large; the size warning is noise here.
    return mergeConfig(config, { build: { chunkSizeWarningLimit: 4000 } });
  },
};

export default config;

// Component tests in real Chromium: `npx wtr --config web-test-runner.config.mjs`
import { createRequire } from 'node:module';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import * as esbuild from 'esbuild';
import { CHROMIUM, CHROMIUM_BASE_ARGS } from './test/chromium.mjs';

const require = createRequire(import.meta.url);

/**
 * Serves CommonJS packages pre-bundled to ESM, as Vite's dependency pre-bundling does.
 * mediasoup-client defines its named exports with Object.defineProperty getters, which the rollup
 * commonjs converter cannot see ("does not provide an export named 'Device'"); esbuild can.
 */
function prebundle(packages) {
  const prefix = '/__prebundled__/';
  const cache = new Map();
  return {
    name: 'prebundle-cjs',
    resolveImport({ source }) {
      if (packages.includes(source)) return `${prefix}${source}.js`;
    },
    async serve(context) {
      if (!context.path.startsWith(prefix)) return;
      const name = context.path.slice(prefix.length, -'.js'.length);
      if (!packages.includes(name)) return;
      if (!cache.has(name)) {
        // Named exports are read from the module itself (getters included), then re-exported
        // statically from a wrapper, so `import { Device } from 'mediasoup-client'` links.
        const entry = require.resolve(name);
        const names = Object.keys(require(name)).filter((n) => /^[A-Za-z_$][\w$]*$/.test(n) && n !== 'default');
        const result = await esbuild.build({
          stdin: {
            contents: `import * as m from ${JSON.stringify(entry)};\nexport default m;\nexport const { ${names.join(', ')} } = m;\n`,
            resolveDir: process.cwd(),
            loader: 'js',
          },
          bundle: true,
          format: 'esm',
          platform: 'browser',
          target: 'es2022',
          write: false,
          logLevel: 'silent',
        });
        cache.set(name, result.outputFiles[0].text);
      }
      return { body: cache.get(name), type: 'js' };
    },
  };
}

export default {
  files: ['test/components/**/*.test.ts'],
  nodeResolve: { exportConditions: ['browser', 'development'] },
  concurrency: 1,
  filterBrowserLogs: ({ args }) => !String(args[0]).includes('Lit is in dev mode'),
  // Above the 10 s default of test/components/wait.ts's waitUntil: a loaded CI machine is slow, not broken.
  testFramework: { config: { timeout: 30000 } },
  plugins: [
    prebundle(['mediasoup-client']),
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' }),
  ],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: {
        executablePath: CHROMIUM,
        args: CHROMIUM_BASE_ARGS,
      },
    }),
  ],
};

// The one Chromium every browser test uses: Debian's, headless as root, with fake devices.
// Shared by web-test-runner.config.mjs, test/e2e/harness.ts and test/storybook/storybook.test.ts.

/** Debian's Chromium, or CHROMIUM_PATH. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags every launch needs here: no sandbox as root, no network chatter, fake camera/mics/speakers. */
export const CHROMIUM_BASE_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--autoplay-policy=no-user-gesture-required',
];

/**
 * `waitUntil` of @open-wc/testing with a realistic default deadline. Its own default (1 s) is
 * too short on a loaded CI machine for anything that opens the fake camera, decodes video or
 * waits on layout; a deadline only costs time when something is broken, so it is 10 s here
 * (the mocha timeout in web-test-runner.config.mjs is above it). Pass `{ timeout }` to change it.
 */
import { waitUntil as openWcWaitUntil } from '@open-wc/testing';

export const WAIT_TIMEOUT_MS = 10_000;

export function waitUntil(
  predicate: () => unknown | Promise<unknown>,
  message?: string,
  options: { interval?: number; timeout?: number } = {},
): Promise<void> {
  return openWcWaitUntil(predicate, message, { interval: 50, timeout: WAIT_TIMEOUT_MS, ...options });
}

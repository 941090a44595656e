/**
 * TEST ONLY (docs/reliability.md): a slow server on purpose. With CONF_KIT_TEST_DELAY_MS=12000
 * and CONF_KIT_TEST_DELAY_FIRST_N=5, the first 5 requests of the server (all connections
 * together) wait 12 s before their handler runs. loadConfig refuses it unless NODE_ENV=test.
 */
import type { Logger } from './logger.js';

export type TestDelay = (method: string) => Promise<void>;

export function createTestDelay(delayMs: number, firstN: number, logger: Logger): TestDelay | null {
  if (delayMs <= 0) return null;
  if (process.env.NODE_ENV !== 'test') throw new Error('CONF_KIT_TEST_DELAY_MS is test-only (NODE_ENV=test)');
  logger.warn({ delayMs, firstN }, 'TEST HOOK: delaying request handlers on purpose');
  let seen = 0;
  return (method) => {
    seen++;
    if (firstN > 0 && seen > firstN) return Promise.resolve();
    logger.debug({ method, delayMs, n: seen }, 'test delay');
    return new Promise((resolve) => setTimeout(resolve, delayMs).unref());
  };
}

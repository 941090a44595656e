/**
 * TEST ONLY (docs/reliability.md): a slow server on purpose. With CONF_KIT_TEST_DELAY_MS=12000
 * and CONF_KIT_TEST_DELAY_FIRST_N=5, the first 5 requests of the server (all connections
 * together) wait 12 s before their handler runs. With CONF_KIT_TEST_DELAY_METHODS=join,consume only
 * those methods are delayed, the first N of EACH (slow-server e2e: joins and consumes both slow).
 * loadConfig refuses it unless NODE_ENV=test.
 */
import type { Logger } from './logger.js';

export type TestDelay = (method: string) => Promise<void>;

export function createTestDelay(delayMs: number, firstN: number, logger: Logger, methods: readonly string[] = []): TestDelay | null {
  if (delayMs <= 0) return null;
  if (process.env.NODE_ENV !== 'test') throw new Error('CONF_KIT_TEST_DELAY_MS is test-only (NODE_ENV=test)');
  logger.warn({ delayMs, firstN, methods }, 'TEST HOOK: delaying request handlers on purpose');
  const only = methods.length > 0 ? new Set(methods) : null;
  const counts = new Map<string, number>();
  return (method) => {
    if (only && !only.has(method)) return Promise.resolve();
    const key = only ? method : '*';
    const seen = (counts.get(key) ?? 0) + 1;
    counts.set(key, seen);
    if (firstN > 0 && seen > firstN) return Promise.resolve();
    logger.warn({ method, delayMs, n: seen }, 'TEST HOOK: delaying this request');
    return new Promise((resolve) => setTimeout(resolve, delayMs).unref());
  };
}

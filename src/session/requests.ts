/**
 * Retried requests (docs/reliability.md, "Overload"): the idempotent requests of a connection
 * (join, createTransport, connectTransport, consume, resumeConsumer) go through `retryRequest`,
 * which tries again with backoff (./retry.ts) while the connection is the current one. Each try
 * uses the connection's current socket, so a try after a resume goes out on the new one.
 */
import { ConferenceError } from '../errors.js';
import { createLogger } from '../logger.js';
import type { RequestMethod, RequestParams, RequestResult } from '../protocol/protocol.js';
import { StaleError, type Connection } from './connection.js';
import { isRetryable, withRetry } from './retry.js';

const log = createLogger('conf-kit:requests');

/**
 * Whether a failed request of `conn` is worth another try: timeouts, internal errors and rate
 * limits always; a lost socket only once the connection has been joined (a resume then swaps
 * the socket, or a rejoin retires the connection). Before that, the join as a whole is retried.
 */
export function retryableOn(conn: Connection, error: unknown): boolean {
  if (!isRetryable(error)) return false;
  return (error as ConferenceError).code !== 'server-unreachable' || conn.established;
}

/** `conn.signaling.request(method, params)`, retried with backoff; StaleError once `conn` is retired. */
export function retryRequest<M extends RequestMethod>(
  conn: Connection,
  method: M,
  params: RequestParams<M>,
): Promise<RequestResult<M>> {
  return withRetry(() => conn.signaling.request(method, params), {
    guard: () => {
      if (conn.retired) throw new StaleError();
    },
    retryable: (error) => retryableOn(conn, error),
    onRetry: (error, attempt, delayMs) => {
      const code = error instanceof ConferenceError ? error.code : 'error';
      log.warn(`${method} failed (${code}); try ${attempt + 1} in ${delayMs} ms`);
    },
  });
}

/**
 * Who may use the ingest path (docs/bots.md): `createPlainTransport`, producing over a plain
 * transport, and `getIngestStats`. Everyone else gets `forbidden`.
 *
 * ACCESS-CONTROL MERGE POINT: the server has no tokens yet, so every participant is in "open
 * mode" and may ingest. With tokens, `canIngest` must return the `ingest` grant of the
 * participant's verified token (server/auth/tokens.ts `Identity.grants.ingest`), and stay true
 * in open mode only. `setIngestPolicy` lets that code (and tests) install the real check.
 */
import { ProtocolError } from '../protocol-schema.js';
import type { Participant } from '../participant.js';

export type IngestPolicy = (participant: Participant) => boolean;

/** Open mode: anyone who joined may ingest. */
export const OPEN_INGEST_POLICY: IngestPolicy = () => true;

let policy: IngestPolicy = OPEN_INGEST_POLICY;

/** Replaces the policy (process-wide); returns the previous one. */
export function setIngestPolicy(next: IngestPolicy): IngestPolicy {
  const previous = policy;
  policy = next;
  return previous;
}

/** Whether `participant`'s join allows ingest (open mode: always). */
export function canIngest(participant: Participant): boolean {
  return policy(participant);
}

/** Throws `forbidden` unless `participant` may ingest. */
export function assertCanIngest(participant: Participant, method: string): void {
  if (!canIngest(participant)) {
    throw new ProtocolError('forbidden', `${method} needs a token with the ingest grant`);
  }
}

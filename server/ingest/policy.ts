/**
 * Who may use the ingest path (docs/bots.md): `createPlainTransport`, producing over a plain
 * transport, and `getIngestStats`. Only a session whose permissions carry the `ingest` grant:
 * a token with `grants.ingest: true`, or any tokenless join in open mode (server/auth/access.ts).
 * Everyone else gets `forbidden`.
 */
import { ProtocolError } from '../protocol-schema.js';
import type { Participant } from '../participant.js';

/** Whether `participant`'s join allows ingest. */
export function canIngest(participant: Participant): boolean {
  return participant.permissions.ingest;
}

/** Throws `forbidden` unless `participant` may ingest. */
export function assertCanIngest(participant: Participant, method: string): void {
  if (!canIngest(participant)) {
    throw new ProtocolError('forbidden', `${method} needs a token with the ingest grant`);
  }
}

/**
 * Handlers of the ingest methods (docs/bots.md), merged into server/handlers.ts. Each one checks
 * the session and the ingest policy first, so a client without the right gets `forbidden`
 * before anything is created.
 */
import type { RequestResult } from '../../src/protocol/protocol.js';
import type { Participant } from '../participant.js';
import { ProtocolError } from '../protocol-schema.js';
import { assertCanIngest } from './policy.js';

interface IngestContext {
  session: { participant: Participant } | null;
}

function ingestParticipant(ctx: IngestContext, method: string): Participant {
  const participant = ctx.session?.participant;
  if (!participant || participant.closed) throw new ProtocolError('not-joined', 'join a room first');
  assertCanIngest(participant, method);
  return participant;
}

export const ingestHandlers = {
  async createPlainTransport(ctx: IngestContext): Promise<RequestResult<'createPlainTransport'>> {
    return ingestParticipant(ctx, 'createPlainTransport').ingest.create();
  },

  async getIngestStats(ctx: IngestContext): Promise<RequestResult<'getIngestStats'>> {
    return ingestParticipant(ctx, 'getIngestStats').ingestStats();
  },
};

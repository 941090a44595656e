/**
 * Who may record (docs/recording.md): holders of the `record` or `admin` grant, and a meeting's
 * host. The socket methods check the participant's permissions; REST checks the Bearer token.
 * Open mode trusts every valid dev token (as it trusts every tokenless join).
 */
import type { IncomingMessage } from 'node:http';
import type { AccessControl } from '../auth/access.js';
import type { Permissions } from '../../src/protocol/protocol.js';
import type { Authorize } from './router.js';
import type { CanRecord } from './socket.js';

/** The host of the meeting whose room this is, if it is a meeting. */
export type MeetingHostOf = (roomId: string) => Promise<string | undefined>;

const mayRecord = (permissions: Pick<Permissions, 'record' | 'admin'>) => permissions.record || permissions.admin;

export function grantCanRecord(hostOf: MeetingHostOf): CanRecord {
  return async (participant, room) => mayRecord(participant.permissions) || (await hostOf(room.id)) === participant.userId;
}

function bearer(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1];
}

export function tokenAuthorize(access: AccessControl, hostOf: MeetingHostOf): Authorize {
  return async (req, roomId) => {
    const token = bearer(req);
    if (!token) return { allowed: false, status: 401, message: 'an Authorization: Bearer <token> header is required' };
    let identity;
    try {
      identity = await access.verifyIdentity(token);
    } catch (error) {
      return { allowed: false, status: 401, message: (error as Error).message };
    }
    if (access.mode === 'open' || mayRecord(identity.grants) || (await hostOf(roomId)) === identity.userId) {
      return { allowed: true, userId: identity.userId };
    }
    return { allowed: false, status: 403, message: 'recordings need the record or admin grant, or being the meeting host' };
  };
}

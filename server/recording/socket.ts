/** The startRecording/stopRecording socket methods, guarded by `canRecord(participant)`. */
import type { RecordingState } from '../../src/protocol/protocol.js';
import type { Participant } from '../participant.js';
import { ProtocolError } from '../protocol-schema.js';
import type { Room } from '../room.js';
import type { RecordingSocketApi } from '../room-registry.js';
import { RecordingError, type RecordingManager } from './manager.js';

export type CanRecord = (participant: Participant, room: Room) => boolean | Promise<boolean>;

/** Open mode: everyone may record. The integrator swaps in a grant check (`record`/`admin`). */
export const openCanRecord: CanRecord = () => true;

export function recordingSocketApi(manager: RecordingManager, canRecord: CanRecord = openCanRecord): RecordingSocketApi {
  const guard = async (participant: Participant, room: Room) => {
    if (!(await canRecord(participant, room))) throw new ProtocolError('forbidden', 'you may not start or stop recordings in this room');
  };
  const wrap = async (fn: () => Promise<unknown>, roomId: string): Promise<RecordingState> => {
    try {
      await fn();
    } catch (error) {
      if (error instanceof RecordingError) throw new ProtocolError(error.code === 'not-found' ? 'not-found' : 'internal', error.message);
      throw error;
    }
    return manager.state(roomId);
  };
  return {
    async start(room, participant) {
      await guard(participant, room);
      return wrap(() => manager.start(room.id, participant.userId), room.id);
    },
    async stop(room, participant) {
      await guard(participant, room);
      return wrap(() => manager.stop(room.id), room.id);
    },
  };
}

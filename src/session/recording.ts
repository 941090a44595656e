/**
 * Recording controls of a session (docs/recording.md): startRecording/stopRecording ask the
 * server, which checks the `record`/`admin` grant (or the meeting host) and answers `forbidden`
 * otherwise. The state follows the answer and every `recordingChanged` notification.
 */
import { ConferenceError } from '../errors.js';
import type { RecordingState } from '../protocol/protocol.js';
import { applyRecording } from '../state/recording.js';
import { StaleError, toConferenceError } from './connection.js';
import type { SessionCore } from './core.js';

export class RecordingControls {
  readonly #c: SessionCore;

  constructor(core: SessionCore) {
    this.#c = core;
  }

  start(): Promise<RecordingState> {
    return this.#request('startRecording');
  }

  stop(): Promise<RecordingState> {
    return this.#request('stopRecording');
  }

  async #request(method: 'startRecording' | 'stopRecording'): Promise<RecordingState> {
    const c = this.#c;
    const conn = c.joinedConnection();
    if (!conn) throw c.report(new ConferenceError('not-joined', `${method}() needs a joined session`));
    try {
      const { recording } = await conn.signaling.request(method, {});
      c.check(conn);
      c.state.update((s) => applyRecording(s, recording));
      return c.state.getSnapshot().recording;
    } catch (error) {
      if (error instanceof StaleError) throw c.report(new ConferenceError('not-joined', 'the session left or reconnected'));
      throw c.report(toConferenceError(error));
    }
  }
}

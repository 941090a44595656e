import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { createLogger } from '../../src/logger.js';
import { fetchRoomRecording } from '../../src/session/room-recording.js';

const log = createLogger('conf-kit:conf-room');

interface Host extends ReactiveControllerHost {
  readonly prejoin: boolean;
  readonly server: string;
  readonly room: string;
  readonly connection: string;
}

/**
 * <conf-room>'s pre-join screen: asks the server whether the room is being recorded
 * (`GET /api/rooms/:roomId/recording`), once per server + room, so that <conf-prejoin> can
 * say so before anyone joins. Only when the room creates its own session (`server` set).
 */
export class PrejoinRecordingController implements ReactiveController {
  /** Whether the room was being recorded when asked. */
  active = false;
  #asked = '';
  readonly #host: Host;

  constructor(host: Host) {
    this.#host = host;
    host.addController(this);
  }

  hostUpdated(): void {
    const h = this.#host;
    if (!h.prejoin || !h.server || !h.room || h.connection !== 'idle') return;
    const key = `${h.server}\n${h.room}`;
    if (key === this.#asked) return;
    this.#asked = key;
    fetchRoomRecording(h.server, h.room).then(
      (status) => {
        if (this.#asked !== key || status.active === this.active) return;
        this.active = status.active;
        h.requestUpdate();
      },
      (error: unknown) => log.debug('recording status unavailable', error),
    );
  }
}

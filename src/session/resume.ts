/**
 * Resume (docs/reliability.md): after the signalling socket dropped, a new socket presents the
 * join's resume token and re-attaches to the participant the server kept. The connection's
 * Device, transports, producers and consumers stay as they are (media kept flowing meanwhile);
 * only the socket is swapped. Missed notifications are not replayed: the resume result's fresh
 * state is reconciled against what the connection knows. A transport whose ICE/DTLS state is bad
 * (on either side) gets an ICE restart (`restartIce` + `transport.restartIce()`).
 */
import type { Transport } from 'mediasoup-client/types';

import { ConferenceError } from '../errors.js';
import { createLogger } from '../logger.js';
import { applyActiveSpeaker } from '../state/levels.js';
import type { ResumeResult } from '../protocol/protocol.js';
import { SignalingClient } from '../signaling/SignalingClient.js';
import type { Connection } from './connection.js';
import type { SessionCore } from './core.js';
import type { Notifications } from './notifications.js';
import type { Subscriber } from './subscriber.js';

const log = createLogger('conf-kit:resume');

const BAD_ICE = new Set(['disconnected', 'failed', 'closed']);
const BAD_DTLS = new Set(['failed', 'closed']);
const BAD_CLIENT = new Set(['disconnected', 'failed', 'closed']);

/** A new signalling client with the session's options. */
export function openSignaling(c: SessionCore): SignalingClient {
  const { init } = c;
  return new SignalingClient(init.signalingUrl, {
    timeoutMs: init.socketTimeoutMs,
    keepAliveMs: init.keepAliveMs,
    WebSocket: init.WebSocket,
  });
}

/**
 * Tries to resume `conn` on a new socket. True: resumed (the socket is swapped, the state
 * reconciled). False: nothing to resume (grace expired, server restarted, media missing on the
 * server): the caller rejoins. Throws on errors worth another attempt (server unreachable, timeout).
 */
export async function resumeConnection(c: SessionCore, conn: Connection, notifications: Notifications, subscriber: Subscriber): Promise<boolean> {
  if (!conn.resumeToken) return false;
  const signaling = openSignaling(c);
  try {
    await signaling.connect();
    c.check(conn);
    let result: ResumeResult;
    try {
      result = await signaling.request('resume', { resumeToken: conn.resumeToken });
    } catch (error) {
      if (error instanceof ConferenceError && error.code === 'not-found') {
        log.debug('nothing to resume:', error.message);
        signaling.close();
        return false;
      }
      throw error;
    }
    c.check(conn);
    const serverTransports = new Map(result.transports.map((t) => [t.id, t]));
    const ours = [conn.sendTransport, conn.recvTransport].filter((t): t is Transport => t !== null);
    const serverProducers = new Set(result.producers.map((p) => p.id));
    if (ours.some((t) => !serverTransports.has(t.id)) || [...conn.producers.values()].some((p) => !serverProducers.has(p.id))) {
      log.warn('the server lost some of our media; rejoining');
      signaling.close();
      return false;
    }

    // Swap the socket: the transports' connect/produce handlers read conn.signaling when they run.
    for (const off of conn.offs.splice(0)) off();
    conn.signaling.close();
    conn.signaling = signaling;
    conn.shutdownReconnectMs = null;
    notifications.wire(conn);

    const kept = new Set(result.consumers.map((consumer) => consumer.id));
    for (const entry of [...conn.consumers.values()]) {
      if (!kept.has(entry.consumer.id)) subscriber.drop(conn, entry, true); // a consumerClosed we missed
    }
    notifications.reconcile(conn, result.publishers);
    c.levels.update((prev) => applyActiveSpeaker(prev, result.activeSpeaker ?? null)); // missed while away

    await Promise.all(
      ours.map(async (transport) => {
        const remote = serverTransports.get(transport.id)!;
        if (!BAD_ICE.has(remote.iceState) && !BAD_DTLS.has(remote.dtlsState) && !BAD_CLIENT.has(transport.connectionState)) return;
        log.warn('ICE restart of', transport.direction, 'transport', remote.iceState, remote.dtlsState, transport.connectionState);
        const { iceParameters } = await signaling.request('restartIce', { transportId: transport.id });
        c.check(conn);
        await transport.restartIce({ iceParameters: iceParameters as never });
      }),
    );
    log.debug('resumed');
    return true;
  } catch (error) {
    // Swapped already (the ICE restart failed): unhook it first, so that the next attempt's
    // resume (which closes this socket with 4002) is not taken for a takeover.
    if (conn.signaling === signaling) for (const off of conn.offs.splice(0)) off();
    signaling.close();
    throw error;
  }
}

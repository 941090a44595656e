import { ConferenceError } from '../errors.js';
import type { CallType } from '../protocol/protocol.js';
import type { WebSocketConstructor } from '../signaling/SignalingClient.js';
import { resolveSignalingUrl } from '../signaling/url.js';
import { ConferenceSession } from './ConferenceSession.js';
import type { ConferenceSessionOptions } from './types.js';
import { CallsClient } from '../calls/CallsClient.js'; // calls (issue 12)
import { MeetingsClient } from '../meetings/MeetingsClient.js'; // meetings
import type { TokenSource } from './auth.js';

export interface ConferenceClientConfig {
  /**
   * The server: an http(s) or ws(s) base URL, for example `https://meet.example.com` or
   * `location.origin`. When it has no path, the signalling path ('/ws') is appended.
   */
  url: string;
  /** Timeout of the socket connect and of each request, in ms (default 10000). */
  socketTimeoutMs?: number;
  /** Keep-alive ping interval in ms; 0 disables (default 20000). */
  keepAliveMs?: number;
  /** WebSocket implementation (default: the browser's). */
  WebSocket?: WebSocketConstructor;
  /**
   * The user's token from your backend (docs/auth.md): a string, or an async function returning one.
   * It is the bearer token of `client.meetings` and the default join token of sessions this client
   * creates. A function is asked before every join and reconnect and again before the token expires,
   * so a long call survives token rotation. Sent in the `join` message, never in the URL.
   */
  token?: TokenSource;
}

export interface CallSessionOptions extends ConferenceSessionOptions {
  callType: CallType;
  /** getUserMedia constraints for the microphone (default: echo cancellation etc. on). */
  audioConstraints?: MediaTrackConstraints;
  /** getUserMedia constraints for the camera (default: ideal 1280x720 at 30 fps). */
  videoConstraints?: MediaTrackConstraints;
}

/**
 * Entry point of the core API: holds the server configuration and creates sessions.
 *
 * ```ts
 * const client = new ConferenceClient({ url: 'https://meet.example.com' });
 * const session = client.createCallSession('user-1', { callType: 'video', name: 'Ada' });
 * await session.join('room-42');
 * ```
 */
export class ConferenceClient {
  readonly url: string;
  /** The resolved signalling WebSocket URL. */
  readonly signalingUrl: string;
  readonly #config: ConferenceClientConfig;
  #calls: CallsClient | null = null; // calls (issue 12)
  #meetings: MeetingsClient | null = null;

  constructor(config: ConferenceClientConfig) {
    if (config.token !== undefined && typeof config.token !== 'string' && typeof config.token !== 'function') {
      throw new ConferenceError('invalid-params', 'token must be a string or a function returning one');
    }
    this.#config = config;
    this.url = config.url;
    this.signalingUrl = resolveSignalingUrl(config.url);
  }

  // --- calls (issue 12) ---
  /** Being online for calls, ringing, answering (docs/calls.md). One per client, made on first use. */
  get calls(): CallsClient {
    this.#calls ??= new CallsClient({
      signalingUrl: this.signalingUrl,
      timeoutMs: this.#config.socketTimeoutMs,
      keepAliveMs: this.#config.keepAliveMs,
      WebSocket: this.#config.WebSocket,
    });
    return this.#calls;
  }
  // --- end calls ---

  /** The meetings REST API (docs/meetings.md): create/get/list/update/patch/delete, with the client's token. */
  get meetings(): MeetingsClient {
    this.#meetings ??= new MeetingsClient({ url: this.url, token: this.#config.token });
    return this.#meetings;
  }

  /** A new session for `userId` (not joined yet: call `join(roomId)`). */
  createCallSession(userId: string, options: CallSessionOptions = { callType: 'video' }): ConferenceSession {
    return new ConferenceSession({
      token: this.#config.token,
      ...options,
      userId,
      signalingUrl: this.signalingUrl,
      socketTimeoutMs: this.#config.socketTimeoutMs,
      keepAliveMs: this.#config.keepAliveMs,
      WebSocket: this.#config.WebSocket,
    });
  }
}

/**
 * The calls service of one server (one Presence + one CallManager), and its per-connection side
 * `ConnectionCalls`: the socket's CallPeer once `callsConnect` succeeded, and the hooks the
 * connection calls when it joins a room and when it closes.
 */
import type { NotificationMethod, Notifications } from '../../src/protocol/protocol.js';
import type { CallsConnectParams, CallsConnectResult } from '../../src/protocol/calls.js';
import type { Participant } from '../participant.js';
import { ProtocolError } from '../protocol-schema.js';
import type { Room } from '../room.js';
import { CallManager, type CallManagerOptions } from './call-manager.js';
import { Presence, type CallPeer } from './presence.js';

/** Who a `callsConnect` is. Open mode trusts `userId`; secure mode verifies `token`. */
export type IdentityResolver = (params: CallsConnectParams) => Promise<{ userId: string; name?: string | undefined }>;

/** Open mode: a user is who they say. */
export const openIdentity: IdentityResolver = async (params) => {
  if (!params.userId) throw new ProtocolError('invalid-params', 'callsConnect needs a userId');
  return { userId: params.userId, name: params.name };
};

/**
 * Secure mode: the identity comes from the token (for example
 * `tokenIdentity((t) => verifyToken(secret, t))` with server/auth/tokens.ts).
 */
export function tokenIdentity(verify: (token: string | undefined) => Promise<{ userId: string; name?: string | undefined }>): IdentityResolver {
  return async (params) => {
    const identity = await verify(params.token);
    return { userId: identity.userId, name: identity.name ?? params.name };
  };
}

export interface CallServiceOptions extends Omit<CallManagerOptions, 'presence'> {
  /** Default for connections that do not bring their own (see ConnectionCalls). */
  identity?: IdentityResolver;
}

export class CallService {
  readonly presence = new Presence();
  readonly manager: CallManager;
  readonly identity: IdentityResolver;

  constructor(options: CallServiceOptions) {
    this.manager = new CallManager({ ...options, presence: this.presence });
    this.identity = options.identity ?? openIdentity;
  }

  /** The per-connection side; `identity` overrides the service's resolver for this connection. */
  forConnection(notify: CallPeer['notify'], identity: IdentityResolver = this.identity): ConnectionCalls {
    return new ConnectionCalls(this, notify, identity);
  }

  close(): void {
    this.manager.closeAll();
  }
}

export class ConnectionCalls {
  private current: CallPeer | null = null;
  private closed = false;

  constructor(
    private readonly service: CallService,
    private readonly notify: <M extends NotificationMethod>(method: M, data: Notifications[M]) => void,
    private readonly identity: IdentityResolver,
  ) {}

  /** This socket's peer; ProtocolError('not-joined') before `callsConnect`. */
  get peer(): CallPeer {
    if (!this.current) throw new ProtocolError('not-joined', 'call callsConnect first');
    return this.current;
  }

  get manager(): CallManager {
    return this.service.manager;
  }

  get presence(): Presence {
    return this.service.presence;
  }

  async connect(params: CallsConnectParams): Promise<CallsConnectResult> {
    const who = await this.identity(params);
    if (this.closed) throw new ProtocolError('not-joined', 'connection closed while connecting');
    if (this.current && this.current.userId !== who.userId) {
      throw new ProtocolError('already-joined', `this connection is online for calls as ${this.current.userId}`);
    }
    if (this.current) this.service.presence.remove(this.current);
    const notify = this.notify;
    const peer: CallPeer = {
      userId: who.userId,
      name: who.name || params.name || who.userId,
      autoBusy: params.autoBusy ?? true,
      notify: (method, data) => notify(method, data),
    };
    this.current = peer;
    this.service.presence.add(peer);
    return { userId: peer.userId, name: peer.name, incoming: this.service.manager.ringingFor(peer.userId) };
  }

  /** Called by the connection after a successful `join`. */
  roomJoined(room: Room, participant: Participant): void {
    const manager = this.service.manager;
    manager.roomJoined(participant.userId, room.id);
    participant.once('closed', (reason) => manager.roomLeft(participant.userId, room.id, reason === 'replaced'));
  }

  /** Called by the connection when its socket closed. */
  close(): void {
    this.closed = true;
    if (this.current) this.service.manager.peerGone(this.current);
    this.current = null;
  }
}

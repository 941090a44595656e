/**
 * Who is online for calls (one user may have several sockets) and who is in a room.
 * Pure bookkeeping, no I/O: sockets are `CallPeer`s with a `notify` function.
 */
import type { NotificationMethod, Notifications } from '../../src/protocol/protocol.js';

/** One socket that is online for calls. */
export interface CallPeer {
  readonly userId: string;
  readonly name: string;
  /** Answer `busy` automatically while the user is in a call or room. */
  readonly autoBusy: boolean;
  notify<M extends NotificationMethod>(method: M, data: Notifications[M]): void;
}

export class Presence {
  private readonly peers = new Map<string, Set<CallPeer>>();
  /** userId -> roomId -> number of that user's participants in the room (normally 1). */
  private readonly rooms = new Map<string, Map<string, number>>();

  add(peer: CallPeer): void {
    let set = this.peers.get(peer.userId);
    if (!set) this.peers.set(peer.userId, (set = new Set()));
    set.add(peer);
  }

  /** Returns true when that was the user's last socket (the user is now offline). */
  remove(peer: CallPeer): boolean {
    const set = this.peers.get(peer.userId);
    if (!set?.delete(peer)) return false;
    if (set.size > 0) return false;
    this.peers.delete(peer.userId);
    return true;
  }

  isOnline(userId: string): boolean {
    return (this.peers.get(userId)?.size ?? 0) > 0;
  }

  peersOf(userId: string): CallPeer[] {
    return [...(this.peers.get(userId) ?? [])];
  }

  /** Display name of an online user (from their first socket). */
  nameOf(userId: string): string | undefined {
    return this.peersOf(userId)[0]?.name;
  }

  /** Sends to every socket of `userId` except `except`. */
  send<M extends NotificationMethod>(userId: string, method: M, data: Notifications[M], except?: CallPeer): void {
    for (const peer of this.peersOf(userId)) if (peer !== except) peer.notify(method, data);
  }

  roomEntered(userId: string, roomId: string): void {
    let rooms = this.rooms.get(userId);
    if (!rooms) this.rooms.set(userId, (rooms = new Map()));
    rooms.set(roomId, (rooms.get(roomId) ?? 0) + 1);
  }

  /** Returns true when the user has no participant left in `roomId`. */
  roomLeft(userId: string, roomId: string): boolean {
    const rooms = this.rooms.get(userId);
    const n = (rooms?.get(roomId) ?? 0) - 1;
    if (!rooms) return true;
    if (n > 0) {
      rooms.set(roomId, n);
      return false;
    }
    rooms.delete(roomId);
    if (rooms.size === 0) this.rooms.delete(userId);
    return true;
  }

  isInRoom(userId: string, roomId?: string): boolean {
    const rooms = this.rooms.get(userId);
    if (!rooms) return false;
    return roomId === undefined ? rooms.size > 0 : rooms.has(roomId);
  }
}

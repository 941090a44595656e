/**
 * Storage interfaces for meetings and chat. The SQLite implementations are in
 * sqlite-repository.ts; a networked database can implement the same interfaces later
 * (the methods are async for that reason, even though SQLite answers synchronously).
 */
import type { DateField, DateRange, Meeting, MeetingFields } from './model.js';

export interface MeetingFilter {
  /** Only meetings this user hosts or attends (by userId). */
  participant: string;
  scheduled?: boolean;
  ranges?: Partial<Record<DateField, DateRange>>;
  limit: number;
  offset: number;
}

export interface MeetingsRepository {
  /** Inserts a new meeting; the whole row (with attendees) is written atomically. */
  create(meeting: Meeting): Promise<void>;
  get(id: string): Promise<Meeting | undefined>;
  /** Stable order: startDate, then id. */
  list(filter: MeetingFilter): Promise<{ items: Meeting[]; total: number }>;
  /** Replaces the editable fields and updatedAt; undefined when the meeting is gone. Atomic. */
  update(id: string, fields: MeetingFields, updatedAt: number): Promise<Meeting | undefined>;
  /** True when a meeting was deleted (its chat goes with it). */
  delete(id: string): Promise<boolean>;
}

export interface ChatMessage {
  id: string;
  roomId: string;
  userId: string;
  name: string;
  text: string;
  /** Unix milliseconds. */
  sentAt: number;
}

export interface ChatRepository {
  append(message: ChatMessage): Promise<void>;
  /** The last `limit` (default and max CHAT_HISTORY = 100) messages of a room, oldest first. */
  recent(roomId: string, limit?: number): Promise<ChatMessage[]>;
  /** Forgets a room's messages (used for in-memory rooms when the room closes). */
  clear(roomId: string): Promise<void>;
}

export const CHAT_HISTORY = 100;

/**
 * The meetings service: the database, the REST handler, the join rule and the chat store,
 * wired from config. server/app.ts creates one; the signalling layer calls `checkMeetingAccess`
 * at join and `chat` for the chat methods.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import type { Identity } from '../auth/tokens.js';
import { openDatabase, type Db } from '../db/sqlite.js';
import type { Logger } from '../logger.js';
import { checkMeetingAccess, type MeetingAccess } from './access.js';
import { ChatRateLimiter, RoomChat } from './chat.js';
import { createMeetingsApi } from './http-api.js';
import type { MeetingsRepository } from './repository.js';
import type { Meeting } from './model.js';
import { SqliteChatRepository, SqliteMeetingsRepository } from './sqlite-repository.js';
import { SqliteRecordingsCatalogue } from './recordings-repository.js';

export { checkMeetingAccess, type MeetingAccess } from './access.js';
export { ChatRateLimiter, MemoryChatRepository, RoomChat, validateChatText, CHAT_MAX_CHARS } from './chat.js';
export type { ChatMessage, ChatRepository, MeetingsRepository } from './repository.js';

export interface MeetingsServiceOptions {
  dataDir: string;
  /** CONF_KIT_SECRET; undefined = open mode (a dev secret persisted in DATA_DIR). */
  secret: string | undefined;
  rateLimit: { burst: number; perSecond: number };
  logger: Logger;
  /** A meeting was created or changed through the API (server/app.ts starts/stops recordings). */
  onMeetingChange?: (next: Meeting, previous: Meeting | undefined) => void;
}

export interface MeetingsService {
  /** Handles /api/*; false for other paths. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  /** The join rule: 'not-a-meeting' (behave as today), 'allowed' or 'forbidden'. */
  checkMeetingAccess(roomId: string, identity: Pick<Identity, 'userId' | 'room'>): Promise<MeetingAccess>;
  /** Chat store: persisted for meetings, in memory for other rooms. */
  chat: RoomChat;
  /** Per-sender chat rate limit; `chatLimiter.check(userId)` throws ApiError('rate-limited'). */
  chatLimiter: ChatRateLimiter;
  meetings: MeetingsRepository;
  /** The recordings catalogue, in the same database (docs/recording.md). */
  recordings: SqliteRecordingsCatalogue;
  /** The secret tokens are verified with (CONF_KIT_SECRET, or the dev secret in open mode). */
  secret: string;
  openMode: boolean;
  close(): void;
}

/** The open-mode signing secret: random, kept in DATA_DIR/dev-secret so that tokens survive restarts. */
export function devSecret(dataDir: string): string {
  const file = path.join(dataDir, 'dev-secret');
  if (existsSync(file)) {
    const value = readFileSync(file, 'utf8').trim();
    if (value.length >= 32) return value;
  }
  mkdirSync(dataDir, { recursive: true });
  const value = randomBytes(32).toString('hex');
  writeFileSync(file, value + '\n', { mode: 0o600 });
  return value;
}

export function createMeetingsService(options: MeetingsServiceOptions): MeetingsService {
  const db: Db = openDatabase(options.dataDir);
  const meetings = new SqliteMeetingsRepository(db);
  const openMode = options.secret === undefined;
  const secret = options.secret ?? devSecret(options.dataDir);
  const chat = new RoomChat(async (roomId) => (await meetings.get(roomId)) !== undefined, new SqliteChatRepository(db));
  const handle = createMeetingsApi({
    repo: meetings,
    secret,
    openMode,
    logger: options.logger,
    rateLimit: options.rateLimit,
    onChange: options.onMeetingChange,
  });
  return {
    handle,
    checkMeetingAccess: (roomId, identity) => checkMeetingAccess(meetings, roomId, identity),
    chat,
    chatLimiter: new ChatRateLimiter(),
    meetings,
    recordings: new SqliteRecordingsCatalogue(db),
    secret,
    openMode,
    close: () => {
      if (db.open) db.close();
    },
  };
}

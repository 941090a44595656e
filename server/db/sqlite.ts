/**
 * The embedded database: one SQLite file under DATA_DIR (better-sqlite3), WAL mode with
 * `synchronous=FULL`, so that every committed transaction is on disk before the API answers.
 * Migrations run in order at start, each in its own transaction, tracked in `schema_migrations`.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export type Db = Database.Database;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'meetings',
    sql: `
      CREATE TABLE meetings (
        id          TEXT PRIMARY KEY,
        host_id     TEXT NOT NULL,
        name        TEXT NOT NULL,
        start_date  INTEGER NOT NULL,
        end_date    INTEGER NOT NULL CHECK (end_date >= start_date),
        record      INTEGER NOT NULL CHECK (record IN (0, 1)),
        public      INTEGER NOT NULL CHECK (public IN (0, 1)),
        scheduled   INTEGER NOT NULL CHECK (scheduled IN (0, 1)),
        with_chat   INTEGER NOT NULL CHECK (with_chat IN (0, 1)),
        created_at  INTEGER NOT NULL,
        updated_at  INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX meetings_host ON meetings (host_id, start_date, id);
      CREATE TABLE meeting_attendees (
        meeting_id  TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
        position    INTEGER NOT NULL,
        user_id     TEXT,
        email       TEXT,
        PRIMARY KEY (meeting_id, position),
        CHECK (user_id IS NOT NULL OR email IS NOT NULL)
      ) STRICT;
      CREATE INDEX meeting_attendees_user ON meeting_attendees (user_id);
    `,
  },
  {
    version: 2,
    name: 'chat',
    sql: `
      CREATE TABLE chat_messages (
        seq         INTEGER PRIMARY KEY AUTOINCREMENT,
        id          TEXT NOT NULL UNIQUE,
        room_id     TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
        user_id     TEXT NOT NULL,
        name        TEXT NOT NULL,
        text        TEXT NOT NULL,
        sent_at     INTEGER NOT NULL
      );
      CREATE INDEX chat_messages_room ON chat_messages (room_id, seq);
    `,
  },
  {
    // The recordings catalogue (docs/recording.md). Not tied to meetings by a foreign key: rooms
    // that are not meetings are recorded too, and a deleted meeting keeps its recordings listed.
    version: 3,
    name: 'recordings',
    sql: `
      CREATE TABLE recordings (
        id            TEXT PRIMARY KEY,
        room_id       TEXT NOT NULL,
        meeting_id    TEXT,
        started_at    TEXT NOT NULL,
        ended_at      TEXT,
        duration      REAL NOT NULL CHECK (duration >= 0),
        size          INTEGER NOT NULL CHECK (size >= 0),
        participants  TEXT NOT NULL,
        status        TEXT NOT NULL CHECK (status IN ('recording', 'processing', 'ready', 'failed')),
        reason        TEXT,
        started_by    TEXT NOT NULL
      ) STRICT;
      CREATE INDEX recordings_room ON recordings (room_id, started_at);
      CREATE INDEX recordings_meeting ON recordings (meeting_id, started_at);
      CREATE INDEX recordings_status ON recordings (status);
    `,
  },
];

/** Opens (creating if needed) `<dataDir>/conf-kit.sqlite` and brings its schema up to date. */
export function openDatabase(dataDir: string, migrations: readonly Migration[] = MIGRATIONS): Db {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, 'conf-kit.sqlite'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, migrations);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/** Applies the migrations newer than the recorded version; returns the versions applied. */
export function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)`);
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null };
  const current = row.v ?? 0;
  const known = Math.max(0, ...migrations.map((m) => m.version));
  if (current > known) {
    throw new Error(`database schema version ${current} is newer than this server (${known}); upgrade conf-kit`);
  }
  const applied: number[] = [];
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.version, m.name, Math.floor(Date.now() / 1000));
    })();
    applied.push(m.version);
  }
  return applied;
}

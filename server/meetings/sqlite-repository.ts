/** SQLite implementations of MeetingsRepository and ChatRepository (better-sqlite3, synchronous). */
import type { Db } from '../db/sqlite.js';
import type { Attendee, DateField, Meeting, MeetingFields } from './model.js';
import { CHAT_HISTORY, type ChatMessage, type ChatRepository, type MeetingFilter, type MeetingsRepository } from './repository.js';

interface MeetingRow {
  id: string;
  host_id: string;
  name: string;
  start_date: number;
  end_date: number;
  record: number;
  public: number;
  scheduled: number;
  with_chat: number;
  created_at: number;
  updated_at: number;
}
interface AttendeeRow {
  meeting_id: string;
  user_id: string | null;
  email: string | null;
}

const COLUMNS: Record<DateField, string> = {
  startDate: 'start_date',
  endDate: 'end_date',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
};
const OPS = { gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

function toAttendee(row: AttendeeRow): Attendee {
  const a: Attendee = {};
  if (row.user_id !== null) a.userId = row.user_id;
  if (row.email !== null) a.email = row.email;
  return a;
}

function toMeeting(row: MeetingRow, attendees: Attendee[]): Meeting {
  return {
    id: row.id,
    name: row.name,
    startDate: row.start_date,
    endDate: row.end_date,
    attendees,
    record: row.record === 1,
    public: row.public === 1,
    scheduled: row.scheduled === 1,
    withChat: row.with_chat === 1,
    hostId: row.host_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

const flags = (f: MeetingFields) => ({
  name: f.name,
  start_date: f.startDate,
  end_date: f.endDate,
  record: f.record ? 1 : 0,
  public: f.public ? 1 : 0,
  scheduled: f.scheduled ? 1 : 0,
  with_chat: f.withChat ? 1 : 0,
});

export class SqliteMeetingsRepository implements MeetingsRepository {
  private readonly stmts;
  private readonly createTx;
  private readonly updateTx;

  constructor(private readonly db: Db) {
    this.stmts = {
      insert: db.prepare(`INSERT INTO meetings (id, host_id, name, start_date, end_date, record, public, scheduled, with_chat, created_at, updated_at)
        VALUES (@id, @host_id, @name, @start_date, @end_date, @record, @public, @scheduled, @with_chat, @created_at, @updated_at)`),
      update: db.prepare(`UPDATE meetings SET name = @name, start_date = @start_date, end_date = @end_date, record = @record,
        public = @public, scheduled = @scheduled, with_chat = @with_chat, updated_at = @updated_at WHERE id = @id`),
      get: db.prepare('SELECT * FROM meetings WHERE id = ?'),
      attendees: db.prepare('SELECT meeting_id, user_id, email FROM meeting_attendees WHERE meeting_id = ? ORDER BY position'),
      insertAttendee: db.prepare('INSERT INTO meeting_attendees (meeting_id, position, user_id, email) VALUES (?, ?, ?, ?)'),
      clearAttendees: db.prepare('DELETE FROM meeting_attendees WHERE meeting_id = ?'),
      delete: db.prepare('DELETE FROM meetings WHERE id = ?'),
    };
    this.createTx = db.transaction((m: Meeting) => {
      this.stmts.insert.run({ id: m.id, host_id: m.hostId, ...flags(m), created_at: m.createdAt, updated_at: m.updatedAt });
      this.writeAttendees(m.id, m.attendees);
    });
    this.updateTx = db.transaction((id: string, f: MeetingFields, updatedAt: number): boolean => {
      const changed = this.stmts.update.run({ id, ...flags(f), updated_at: updatedAt }).changes > 0;
      if (changed) {
        this.stmts.clearAttendees.run(id);
        this.writeAttendees(id, f.attendees);
      }
      return changed;
    });
  }

  private writeAttendees(id: string, attendees: Attendee[]): void {
    attendees.forEach((a, i) => this.stmts.insertAttendee.run(id, i, a.userId ?? null, a.email ?? null));
  }

  private readOne(id: string): Meeting | undefined {
    const row = this.stmts.get.get(id) as MeetingRow | undefined;
    if (!row) return undefined;
    return toMeeting(row, (this.stmts.attendees.all(id) as AttendeeRow[]).map(toAttendee));
  }

  async create(meeting: Meeting): Promise<void> {
    this.createTx(meeting);
  }

  async get(id: string): Promise<Meeting | undefined> {
    return this.readOne(id);
  }

  async list(filter: MeetingFilter): Promise<{ items: Meeting[]; total: number }> {
    const where = ['(m.host_id = @participant OR EXISTS (SELECT 1 FROM meeting_attendees a WHERE a.meeting_id = m.id AND a.user_id = @participant))'];
    const params: Record<string, string | number> = { participant: filter.participant };
    if (filter.scheduled !== undefined) {
      where.push('m.scheduled = @scheduled');
      params.scheduled = filter.scheduled ? 1 : 0;
    }
    for (const [field, range] of Object.entries(filter.ranges ?? {}) as [DateField, Partial<Record<keyof typeof OPS, number>> | undefined][]) {
      for (const [op, value] of Object.entries(range ?? {}) as [keyof typeof OPS, number | undefined][]) {
        if (value === undefined) continue;
        const name = `${field}_${op}`;
        where.push(`m.${COLUMNS[field]} ${OPS[op]} @${name}`);
        params[name] = value;
      }
    }
    const clause = where.join(' AND ');
    // One read transaction, so total and items come from the same snapshot.
    return this.db.transaction(() => {
      const { n } = this.db.prepare(`SELECT COUNT(*) AS n FROM meetings m WHERE ${clause}`).get(params) as { n: number };
      const rows = this.db
        .prepare(`SELECT m.* FROM meetings m WHERE ${clause} ORDER BY m.start_date, m.id LIMIT @limit OFFSET @offset`)
        .all({ ...params, limit: filter.limit, offset: filter.offset }) as MeetingRow[];
      const byMeeting = new Map<string, Attendee[]>(rows.map((r) => [r.id, []]));
      if (rows.length > 0) {
        const ids = rows.map((r) => r.id);
        const attendeeRows = this.db
          .prepare(`SELECT meeting_id, user_id, email FROM meeting_attendees WHERE meeting_id IN (${ids.map(() => '?').join(',')}) ORDER BY meeting_id, position`)
          .all(...ids) as AttendeeRow[];
        for (const a of attendeeRows) byMeeting.get(a.meeting_id)!.push(toAttendee(a));
      }
      return { total: n, items: rows.map((r) => toMeeting(r, byMeeting.get(r.id)!)) };
    })();
  }

  async update(id: string, fields: MeetingFields, updatedAt: number): Promise<Meeting | undefined> {
    return this.updateTx(id, fields, updatedAt) ? this.readOne(id) : undefined;
  }

  async delete(id: string): Promise<boolean> {
    return this.stmts.delete.run(id).changes > 0;
  }
}

/** Chat of meeting rooms, persisted; keeps the last CHAT_HISTORY messages per room. */
export class SqliteChatRepository implements ChatRepository {
  private readonly appendTx;
  private readonly recentStmt;
  private readonly clearStmt;

  constructor(db: Db) {
    const insert = db.prepare('INSERT INTO chat_messages (id, room_id, user_id, name, text, sent_at) VALUES (@id, @roomId, @userId, @name, @text, @sentAt)');
    const prune = db.prepare(`DELETE FROM chat_messages WHERE room_id = ? AND seq <= (
      SELECT seq FROM chat_messages WHERE room_id = ? ORDER BY seq DESC LIMIT 1 OFFSET ?)`);
    this.appendTx = db.transaction((m: ChatMessage) => {
      insert.run(m);
      prune.run(m.roomId, m.roomId, CHAT_HISTORY);
    });
    this.recentStmt = db.prepare(`SELECT id, room_id AS roomId, user_id AS userId, name, text, sent_at AS sentAt FROM (
      SELECT * FROM chat_messages WHERE room_id = ? ORDER BY seq DESC LIMIT ?) ORDER BY seq`);
    this.clearStmt = db.prepare('DELETE FROM chat_messages WHERE room_id = ?');
  }

  async append(message: ChatMessage): Promise<void> {
    this.appendTx(message);
  }

  async recent(roomId: string, limit = CHAT_HISTORY): Promise<ChatMessage[]> {
    return this.recentStmt.all(roomId, Math.max(0, Math.min(limit, CHAT_HISTORY))) as ChatMessage[];
  }

  async clear(roomId: string): Promise<void> {
    this.clearStmt.run(roomId);
  }
}

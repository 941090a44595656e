/**
 * The recordings catalogue in the meetings database (migration 3, server/db/sqlite.ts), behind
 * the `RecordingsCatalogue` interface of server/recording/catalogue.ts. `importJsonCatalogue`
 * moves an older `catalogue.json` in, once.
 */
import { existsSync } from 'node:fs';
import { readFile, rename } from 'node:fs/promises';
import type { Db } from '../db/sqlite.js';
import { CatalogueError, type RecordingRecord, type RecordingsCatalogue, type RecordingStatus } from '../recording/catalogue.js';

interface RecordingRow {
  id: string;
  room_id: string;
  meeting_id: string | null;
  started_at: string;
  ended_at: string | null;
  duration: number;
  size: number;
  participants: string;
  status: RecordingStatus;
  reason: string | null;
  started_by: string;
}

function toRecord(row: RecordingRow): RecordingRecord {
  return {
    id: row.id,
    roomId: row.room_id,
    ...(row.meeting_id === null ? {} : { meetingId: row.meeting_id }),
    startedAt: row.started_at,
    endedAt: row.ended_at,
    duration: row.duration,
    size: row.size,
    participants: JSON.parse(row.participants) as string[],
    status: row.status,
    ...(row.reason === null ? {} : { reason: row.reason }),
    by: row.started_by,
  };
}

function toRow(r: RecordingRecord): RecordingRow {
  return {
    id: r.id,
    room_id: r.roomId,
    meeting_id: r.meetingId ?? null,
    started_at: r.startedAt,
    ended_at: r.endedAt,
    duration: r.duration,
    size: r.size,
    participants: JSON.stringify(r.participants),
    status: r.status,
    reason: r.status === 'failed' ? (r.reason ?? null) : null,
    started_by: r.by,
  };
}

const COLUMNS = '(id, room_id, meeting_id, started_at, ended_at, duration, size, participants, status, reason, started_by)';
const VALUES = '(@id, @room_id, @meeting_id, @started_at, @ended_at, @duration, @size, @participants, @status, @reason, @started_by)';

export class SqliteRecordingsCatalogue implements RecordingsCatalogue {
  readonly #insert;
  readonly #insertIgnore;
  readonly #replace;
  readonly #get;

  constructor(private readonly db: Db) {
    this.#insert = db.prepare(`INSERT INTO recordings ${COLUMNS} VALUES ${VALUES}`);
    this.#insertIgnore = db.prepare(`INSERT OR IGNORE INTO recordings ${COLUMNS} VALUES ${VALUES}`);
    this.#replace = db.prepare(`UPDATE recordings SET room_id = @room_id, meeting_id = @meeting_id, started_at = @started_at,
      ended_at = @ended_at, duration = @duration, size = @size, participants = @participants, status = @status,
      reason = @reason, started_by = @started_by WHERE id = @id`);
    this.#get = db.prepare('SELECT * FROM recordings WHERE id = ?');
  }

  async add(record: RecordingRecord): Promise<void> {
    try {
      this.#insert.run(toRow(record));
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') throw new CatalogueError(`recording ${record.id} already exists`);
      throw error;
    }
  }

  async update(id: string, patch: Partial<Omit<RecordingRecord, 'id'>>): Promise<RecordingRecord> {
    return this.db.transaction(() => {
      const row = this.#get.get(id) as RecordingRow | undefined;
      if (!row) throw new CatalogueError(`no recording ${id}`);
      const next: RecordingRecord = { ...toRecord(row), ...patch, id };
      if (next.status !== 'failed') delete next.reason;
      this.#replace.run(toRow(next));
      return next;
    })();
  }

  async get(id: string): Promise<RecordingRecord | undefined> {
    const row = this.#get.get(id) as RecordingRow | undefined;
    return row && toRecord(row);
  }

  async list(filter: { roomId?: string; meetingId?: string; status?: RecordingStatus } = {}): Promise<RecordingRecord[]> {
    const where: string[] = [];
    const params: Record<string, string> = {};
    if (filter.roomId !== undefined) (where.push('room_id = @roomId'), (params.roomId = filter.roomId));
    if (filter.meetingId !== undefined) (where.push('meeting_id = @meetingId'), (params.meetingId = filter.meetingId));
    if (filter.status !== undefined) (where.push('status = @status'), (params.status = filter.status));
    const sql = `SELECT * FROM recordings ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY started_at, id`;
    return (this.db.prepare(sql).all(params) as RecordingRow[]).map(toRecord);
  }

  /** Inserts records not already present (by id); returns how many were new. */
  importRecords(records: readonly RecordingRecord[]): number {
    return this.db.transaction(() => records.reduce((n, r) => n + this.#insertIgnore.run(toRow(r)).changes, 0))();
  }
}

/**
 * Moves the records of a JSON catalogue (`RECORDINGS_DIR/catalogue.json`, used before the
 * database held them) into `catalogue`, then renames the file to `catalogue.json.imported`.
 * Returns how many records were new (0 when there is no file).
 */
export async function importJsonCatalogue(catalogue: SqliteRecordingsCatalogue, file: string): Promise<number> {
  if (!existsSync(file)) return 0;
  let data: { recordings?: RecordingRecord[] };
  try {
    data = JSON.parse(await readFile(file, 'utf8')) as { recordings?: RecordingRecord[] };
  } catch (error) {
    throw new CatalogueError(`cannot read ${file}: ${(error as Error).message}`);
  }
  const added = catalogue.importRecords(data.recordings ?? []);
  await rename(file, `${file}.imported`);
  return added;
}

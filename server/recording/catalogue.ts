/**
 * The recordings catalogue: one record per recording. `RecordingsCatalogue` is the interface the
 * rest of the server uses; `JsonFileCatalogue` keeps it in memory and in one JSON file (written
 * atomically, writes serialised). A SQLite implementation can replace it behind the interface.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

export type RecordingStatus = 'recording' | 'processing' | 'ready' | 'failed';

export interface RecordingRecord {
  id: string;
  roomId: string;
  meetingId?: string;
  /** ISO 8601. */
  startedAt: string;
  endedAt: string | null;
  /** Seconds (of the composed file once ready, else of the recorded span). */
  duration: number;
  /** Bytes of the composed file (0 until ready). */
  size: number;
  /** userIds of everyone who appeared in the recording. */
  participants: string[];
  status: RecordingStatus;
  /** Why it failed (status `failed`). */
  reason?: string;
  /** Who started it: a userId, or `rest`/`meeting`. */
  by: string;
}

export interface RecordingsCatalogue {
  add(record: RecordingRecord): Promise<void>;
  update(id: string, patch: Partial<Omit<RecordingRecord, 'id'>>): Promise<RecordingRecord>;
  get(id: string): Promise<RecordingRecord | undefined>;
  list(filter?: { roomId?: string; meetingId?: string; status?: RecordingStatus }): Promise<RecordingRecord[]>;
}

export class CatalogueError extends Error {
  override name = 'CatalogueError';
}

export class MemoryCatalogue implements RecordingsCatalogue {
  protected readonly records = new Map<string, RecordingRecord>();

  async add(record: RecordingRecord): Promise<void> {
    if (this.records.has(record.id)) throw new CatalogueError(`recording ${record.id} already exists`);
    this.records.set(record.id, { ...record });
    await this.changed();
  }

  async update(id: string, patch: Partial<Omit<RecordingRecord, 'id'>>): Promise<RecordingRecord> {
    const current = this.records.get(id);
    if (!current) throw new CatalogueError(`no recording ${id}`);
    const next = { ...current, ...patch, id };
    if (next.status !== 'failed') delete next.reason;
    this.records.set(id, next);
    await this.changed();
    return { ...next };
  }

  async get(id: string): Promise<RecordingRecord | undefined> {
    const r = this.records.get(id);
    return r && { ...r };
  }

  async list(filter: { roomId?: string; meetingId?: string; status?: RecordingStatus } = {}): Promise<RecordingRecord[]> {
    return [...this.records.values()]
      .filter((r) => (filter.roomId === undefined || r.roomId === filter.roomId) && (filter.meetingId === undefined || r.meetingId === filter.meetingId))
      .filter((r) => filter.status === undefined || r.status === filter.status)
      .sort((a, b) => a.startedAt.localeCompare(b.startedAt))
      .map((r) => ({ ...r }));
  }

  protected async changed(): Promise<void> {}
}

/** MemoryCatalogue persisted to `file` (e.g. `<RECORDINGS_DIR>/catalogue.json`). */
export class JsonFileCatalogue extends MemoryCatalogue {
  private writing: Promise<void> = Promise.resolve();

  private constructor(private readonly file: string) {
    super();
  }

  static async open(file: string): Promise<JsonFileCatalogue> {
    const catalogue = new JsonFileCatalogue(file);
    await mkdir(path.dirname(file), { recursive: true });
    try {
      const data = JSON.parse(await readFile(file, 'utf8')) as { recordings?: RecordingRecord[] };
      for (const r of data.recordings ?? []) catalogue.records.set(r.id, r);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new CatalogueError(`cannot read ${file}: ${(error as Error).message}`);
    }
    return catalogue;
  }

  protected override changed(): Promise<void> {
    const body = JSON.stringify({ recordings: [...this.records.values()] }, null, 2);
    const write = async () => {
      await writeFile(`${this.file}.tmp`, body);
      await rename(`${this.file}.tmp`, this.file);
    };
    this.writing = this.writing.then(write, write);
    return this.writing;
  }
}

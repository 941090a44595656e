/**
 * An in-memory MeetingsApi for component tests and stories: the server's rules in small (host
 * only writes, list = what you host or attend, ordered by startDate then id, paging).
 */
import { ConferenceError } from '../errors.js';
import type { Meeting, MeetingCreate, MeetingFields, MeetingList, MeetingListQuery, MeetingPatch, MeetingsApi } from '../meetings/types.js';

export interface FakeCallRecord {
  method: string;
  args: unknown[];
}

export class FakeMeetingsClient implements MeetingsApi {
  /** Who the caller is (the token's `sub`). */
  userId: string;
  readonly meetings = new Map<string, Meeting>();
  readonly calls: FakeCallRecord[] = [];
  /** The next call fails with this error (then it is cleared). */
  failNext: ConferenceError | null = null;
  #seq = 0;

  constructor(options: { userId?: string; meetings?: Meeting[] } = {}) {
    this.userId = options.userId ?? 'me';
    for (const m of options.meetings ?? []) this.meetings.set(m.id, structuredClone(m));
  }

  #enter(method: string, args: unknown[]): void {
    this.calls.push({ method, args });
    const error = this.failNext;
    this.failNext = null;
    if (error) throw error;
  }

  #own(id: string): Meeting {
    const m = this.meetings.get(id);
    if (!m) throw new ConferenceError('not-found', `no meeting ${id}`);
    if (m.hostId !== this.userId) throw new ConferenceError('forbidden', 'only the host may change this meeting');
    return m;
  }

  #check(f: Partial<MeetingFields>): void {
    if (f.name !== undefined && f.name.trim() === '') throw new ConferenceError('invalid-params', 'name: must not be empty');
    if (f.startDate !== undefined && f.endDate !== undefined && f.endDate < f.startDate) throw new ConferenceError('invalid-params', 'endDate: must be >= startDate');
    f.attendees?.forEach((a, i) => {
      if (!a.userId && !a.email) throw new ConferenceError('invalid-params', `attendees[${i}]: needs a userId or an email`);
    });
  }

  async create(fields: MeetingCreate = {}): Promise<Meeting> {
    this.#enter('create', [fields]);
    const now = Math.floor(Date.now() / 1000);
    const startDate = fields.startDate ?? now;
    const m: Meeting = {
      id: `m-${++this.#seq}-${Math.random().toString(36).slice(2, 8)}`,
      name: fields.name?.trim() || new Date(startDate * 1000).toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
      startDate,
      endDate: fields.endDate ?? startDate + 3600,
      attendees: fields.attendees ?? [],
      record: fields.record ?? false,
      public: fields.public ?? false,
      scheduled: fields.scheduled ?? false,
      withChat: fields.withChat ?? false,
      hostId: this.userId,
      createdAt: now,
      updatedAt: now,
    };
    this.#check(m);
    this.meetings.set(m.id, m);
    return structuredClone(m);
  }

  async get(id: string): Promise<Meeting> {
    this.#enter('get', [id]);
    const m = this.meetings.get(id);
    if (!m) throw new ConferenceError('not-found', `no meeting ${id}`);
    const mine = m.hostId === this.userId || m.attendees.some((a) => a.userId === this.userId);
    if (!mine && !m.public) throw new ConferenceError('forbidden', 'this meeting is private');
    return structuredClone(m);
  }

  async list(query: MeetingListQuery = {}): Promise<MeetingList> {
    this.#enter('list', [query]);
    const limit = query.limit ?? 100;
    const offset = query.offset ?? 0;
    const inRange = (v: number, r: MeetingListQuery['startDate']) =>
      !r || ((r.gt === undefined || v > r.gt) && (r.gte === undefined || v >= r.gte) && (r.lt === undefined || v < r.lt) && (r.lte === undefined || v <= r.lte));
    const all = [...this.meetings.values()]
      .filter((m) => m.hostId === this.userId || m.attendees.some((a) => a.userId === this.userId))
      .filter((m) => query.scheduled === undefined || m.scheduled === query.scheduled)
      .filter((m) => inRange(m.startDate, query.startDate) && inRange(m.endDate, query.endDate))
      .sort((a, b) => a.startDate - b.startDate || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return { items: all.slice(offset, offset + limit).map((m) => structuredClone(m)), total: all.length, limit, offset };
  }

  async update(id: string, fields: MeetingFields): Promise<Meeting> {
    this.#enter('update', [id, fields]);
    const m = this.#own(id);
    this.#check(fields);
    const next = { ...m, ...fields, updatedAt: Math.floor(Date.now() / 1000) };
    this.meetings.set(id, next);
    return structuredClone(next);
  }

  async patch(id: string, fields: MeetingPatch): Promise<Meeting> {
    this.#enter('patch', [id, fields]);
    const m = this.#own(id);
    const next = { ...m, ...fields, updatedAt: Math.floor(Date.now() / 1000) };
    this.#check(next);
    this.meetings.set(id, next);
    return structuredClone(next);
  }

  async delete(id: string): Promise<void> {
    this.#enter('delete', [id]);
    this.#own(id);
    this.meetings.delete(id);
  }
}

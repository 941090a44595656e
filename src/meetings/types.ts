/**
 * The meetings REST API's types as the browser sees them (docs/meetings.md). They mirror the
 * server's zod schemas (server/meetings/model.ts); test/unit/meetings-client.test.ts checks at
 * compile time that they stay equal.
 */

export interface Attendee {
  userId?: string;
  email?: string;
}

export interface Meeting {
  /** Also the room id: join this room to enter the meeting. */
  id: string;
  name: string;
  /** Unix seconds. */
  startDate: number;
  /** Unix seconds, >= startDate. */
  endDate: number;
  attendees: Attendee[];
  record: boolean;
  public: boolean;
  scheduled: boolean;
  withChat: boolean;
  /** The creator (the token's `sub`). Only the host may update or delete. */
  hostId: string;
  createdAt: number;
  updatedAt: number;
}

/** The editable fields. */
export type MeetingFields = Omit<Meeting, 'id' | 'hostId' | 'createdAt' | 'updatedAt'>;
/** `create()` body: every field optional (name: the formatted date, start: now, end: now + 60 min). */
export type MeetingCreate = Partial<MeetingFields>;
/** `patch()` body: at least one editable field. */
export type MeetingPatch = Partial<MeetingFields>;

export interface DateRange {
  gt?: number;
  gte?: number;
  lt?: number;
  lte?: number;
}

export interface MeetingListQuery {
  /** 1..100, default 100. */
  limit?: number;
  offset?: number;
  scheduled?: boolean;
  startDate?: DateRange;
  endDate?: DateRange;
  createdAt?: DateRange;
  updatedAt?: DateRange;
}

export interface MeetingList {
  items: Meeting[];
  total: number;
  limit: number;
  offset: number;
}

/** What <conf-meetings> and apps use; `MeetingsClient` implements it, `FakeMeetingsClient` too. */
export interface MeetingsApi {
  create(fields?: MeetingCreate): Promise<Meeting>;
  get(id: string): Promise<Meeting>;
  list(query?: MeetingListQuery): Promise<MeetingList>;
  update(id: string, fields: MeetingFields): Promise<Meeting>;
  patch(id: string, fields: MeetingPatch): Promise<Meeting>;
  delete(id: string): Promise<void>;
}

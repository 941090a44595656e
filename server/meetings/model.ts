/**
 * The meeting model and the zod schemas that validate every REST request. The OpenAPI document
 * (openapi.ts) is generated from these same schemas.
 */
import { z } from 'zod';
import { ApiError } from './errors.js';

export const MEETING_LIMITS = {
  name: 256,
  userId: 128,
  email: 254,
  attendees: 200,
  /** 9999-12-31T23:59:59Z in Unix seconds. */
  maxDate: 253_402_300_799,
  listLimit: 100,
  guestName: 128,
  defaultDurationSeconds: 3600,
} as const;

const unixSeconds = z.int().min(0, 'must be >= 0').max(MEETING_LIMITS.maxDate, 'must be a Unix time in seconds (<= year 9999)');
const meetingName = z.string().trim().min(1, 'must not be empty').max(MEETING_LIMITS.name);

export const AttendeeSchema = z
  .strictObject({
    userId: z.string().trim().min(1, 'must not be empty').max(MEETING_LIMITS.userId).optional(),
    email: z.email('must be an email address').max(MEETING_LIMITS.email).optional(),
  })
  .refine((a) => a.userId !== undefined || a.email !== undefined, { message: 'needs a userId or an email' })
  .meta({ description: 'A meeting attendee: a user id, an email, or both.' });
export type Attendee = z.infer<typeof AttendeeSchema>;

const attendees = z.array(AttendeeSchema).max(MEETING_LIMITS.attendees);

const endAfterStart = (m: { startDate?: number; endDate?: number }) =>
  m.startDate === undefined || m.endDate === undefined || m.endDate >= m.startDate;
const END_AFTER_START = { message: 'must be >= startDate', path: ['endDate'] };

/** POST body: every field optional; the seed's SDK defaults fill the gaps (see `applyCreateDefaults`). */
export const MeetingCreateSchema = z
  .strictObject({
    name: meetingName.optional(),
    startDate: unixSeconds.optional(),
    endDate: unixSeconds.optional(),
    attendees: attendees.optional(),
    record: z.boolean().optional(),
    public: z.boolean().optional(),
    scheduled: z.boolean().optional(),
    withChat: z.boolean().optional(),
  })
  .refine(endAfterStart, END_AFTER_START)
  .meta({ description: 'POST /api/meetings body. Missing fields get the defaults.' });

const editable = {
  name: meetingName,
  startDate: unixSeconds,
  endDate: unixSeconds,
  attendees,
  record: z.boolean(),
  public: z.boolean(),
  scheduled: z.boolean(),
  withChat: z.boolean(),
};

/** PUT body: the whole editable object. */
export const MeetingReplaceSchema = z
  .strictObject(editable)
  .refine(endAfterStart, END_AFTER_START)
  .meta({ description: 'PUT /api/meetings/{id} body: every editable field.' });

/** PATCH body: some editable fields (at least one). endDate >= startDate is checked against the merged result. */
export const MeetingPatchSchema = z
  .strictObject(editable)
  .partial()
  .refine((p) => Object.keys(p).length > 0, { message: 'must contain at least one field' })
  .refine(endAfterStart, END_AFTER_START)
  .meta({ description: 'PATCH /api/meetings/{id} body: some editable fields.' });

export const MeetingSchema = z
  .strictObject({
    id: z.string(),
    ...editable,
    hostId: z.string(),
    createdAt: unixSeconds,
    updatedAt: unixSeconds,
  })
  ;
export type Meeting = z.infer<typeof MeetingSchema>;
export type MeetingFields = Omit<Meeting, 'id' | 'hostId' | 'createdAt' | 'updatedAt'>;
export type MeetingPatch = Partial<MeetingFields>;

const range = z
  .strictObject({ gt: z.coerce.number().pipe(unixSeconds), gte: z.coerce.number().pipe(unixSeconds), lt: z.coerce.number().pipe(unixSeconds), lte: z.coerce.number().pipe(unixSeconds) })
  .partial();
export const DATE_FIELDS = ['startDate', 'endDate', 'createdAt', 'updatedAt'] as const;
export type DateField = (typeof DATE_FIELDS)[number];
export type DateRange = z.infer<typeof range>;

/** GET /api/meetings query, after `startDate[gte]=1` style keys are folded into objects. */
export const MeetingListQuerySchema = z
  .strictObject({
    limit: z.coerce.number().pipe(z.int().min(1).max(MEETING_LIMITS.listLimit)).default(MEETING_LIMITS.listLimit),
    offset: z.coerce.number().pipe(z.int().min(0).max(Number.MAX_SAFE_INTEGER)).default(0),
    scheduled: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
    startDate: range.optional(),
    endDate: range.optional(),
    createdAt: range.optional(),
    updatedAt: range.optional(),
  })
  ;
export type MeetingListQuery = z.output<typeof MeetingListQuerySchema>;

export const MeetingListSchema = z
  .strictObject({ items: z.array(MeetingSchema), total: z.int(), limit: z.int(), offset: z.int() })
  ;
export type MeetingList = z.infer<typeof MeetingListSchema>;

export const GuestRequestSchema = z
  .strictObject({ name: z.string().trim().min(1, 'must not be empty').max(MEETING_LIMITS.guestName) })
  ;
export const DevTokenRequestSchema = z
  .strictObject({ userId: z.string().trim().min(1, 'must not be empty').max(MEETING_LIMITS.userId), name: z.string().trim().min(1).max(MEETING_LIMITS.name).optional() })
  ;
export const TokenResponseSchema = z.strictObject({ token: z.string() });
export const ErrorResponseSchema = z
  .strictObject({
    error: z.strictObject({ code: z.enum(['unauthorized', 'forbidden', 'not-found', 'invalid-params', 'too-large', 'rate-limited', 'internal']), message: z.string() }),
  })
  ;

/** Parses with `schema`, or throws ApiError('invalid-params') naming the first offending field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, what = 'body'): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  let field = issue.path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.join(', ');
    field = field ? `${field}.${keys}` : keys;
    throw new ApiError('invalid-params', `${what}: unknown field ${field}`);
  }
  throw new ApiError('invalid-params', field ? `${field}: ${issue.message}` : `${what}: ${issue.message}`);
}

/** The seed's formatted-date default name, e.g. "2025-03-14 09:30 UTC". */
export function defaultMeetingName(startDate: number): string {
  return new Date(startDate * 1000).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}

/** Applies the seed's SDK defaults: start now, end start + 60 min, name the formatted start date, flags false. */
export function applyCreateDefaults(input: z.output<typeof MeetingCreateSchema>, now: number): MeetingFields {
  const startDate = input.startDate ?? (input.endDate !== undefined ? Math.min(now, input.endDate) : now);
  const endDate = input.endDate ?? Math.min(startDate + MEETING_LIMITS.defaultDurationSeconds, MEETING_LIMITS.maxDate);
  return {
    name: input.name ?? defaultMeetingName(startDate),
    startDate,
    endDate,
    attendees: input.attendees ?? [],
    record: input.record ?? false,
    public: input.public ?? false,
    scheduled: input.scheduled ?? false,
    withChat: input.withChat ?? false,
  };
}

/** Merges a patch into a meeting's fields and re-checks endDate >= startDate. */
export function mergePatch(current: MeetingFields, patch: MeetingPatch): MeetingFields {
  const next = { ...current, ...patch };
  if (next.endDate < next.startDate) throw new ApiError('invalid-params', 'endDate: must be >= startDate');
  return next;
}

/**
 * Folds `startDate[gte]=1` style keys into `{ startDate: { gte: '1' } }`. A repeated key or a
 * malformed bracket key is an error naming it.
 */
export function foldQuery(params: URLSearchParams): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [rawKey, value] of params) {
    const m = /^([A-Za-z_]+)(?:\[([A-Za-z]+)\])?$/.exec(rawKey);
    if (!m) throw new ApiError('invalid-params', `query: unknown parameter ${rawKey.slice(0, 64)}`);
    const [, base, op] = m as unknown as [string, string, string | undefined];
    if (op === undefined) {
      if (base in out) throw new ApiError('invalid-params', `${base}: given more than once`);
      out[base] = value;
    } else {
      const bucket = (out[base] ??= {}) as Record<string, unknown>;
      if (typeof bucket !== 'object') throw new ApiError('invalid-params', `${base}: given both as a value and a range`);
      if (op in bucket) throw new ApiError('invalid-params', `${base}.${op}: given more than once`);
      bucket[op] = value;
    }
  }
  return out;
}

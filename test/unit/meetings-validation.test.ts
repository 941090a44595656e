/** One test per validation rule of the meetings API and chat (server/meetings/model.ts, chat.ts). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateChatText, CHAT_MAX_CHARS } from '../../server/meetings/chat.js';
import { ApiError } from '../../server/meetings/errors.js';
import {
  applyCreateDefaults,
  defaultMeetingName,
  DevTokenRequestSchema,
  foldQuery,
  GuestRequestSchema,
  MeetingCreateSchema,
  MeetingListQuerySchema,
  MeetingPatchSchema,
  MeetingReplaceSchema,
  mergePatch,
  parseOrThrow,
} from '../../server/meetings/model.js';

/** Asserts that parsing throws invalid-params with a message matching `field`. */
function rejects(fn: () => unknown, field: RegExp): void {
  assert.throws(fn, (e: unknown) => e instanceof ApiError && e.code === 'invalid-params' && field.test(e.message), String(field));
}
const create = (body: unknown) => parseOrThrow(MeetingCreateSchema, body);
const full = { name: 'Standup', startDate: 100, endDate: 200, attendees: [], record: false, public: false, scheduled: true, withChat: true };

describe('meetings: create validation', () => {
  it('accepts an empty body and applies the seed defaults (now, +60 min, formatted date, flags false)', () => {
    const fields = applyCreateDefaults(create({}), 1_700_000_000);
    assert.deepEqual(fields, {
      name: '2023-11-14 22:13 UTC',
      startDate: 1_700_000_000,
      endDate: 1_700_003_600,
      attendees: [],
      record: false,
      public: false,
      scheduled: false,
      withChat: false,
    });
    assert.equal(defaultMeetingName(0), '1970-01-01 00:00 UTC');
  });
  it('defaults endDate to startDate + 60 min when only startDate is given', () => {
    assert.equal(applyCreateDefaults(create({ startDate: 5000 }), 10).endDate, 8600);
  });
  it('name must not be empty after trimming', () => rejects(() => create({ name: '   ' }), /^name: must not be empty/));
  it('name is at most 256 characters', () => rejects(() => create({ name: 'x'.repeat(257) }), /^name:/));
  it('name is trimmed', () => assert.equal(create({ name: '  Standup ' }).name, 'Standup'));
  it('startDate must be >= 0', () => rejects(() => create({ startDate: -1 }), /^startDate: must be >= 0/));
  it('endDate must be >= 0', () => rejects(() => create({ endDate: -5 }), /^endDate: must be >= 0/));
  it('dates must be integers (Unix seconds)', () => rejects(() => create({ startDate: 1.5 }), /^startDate:/));
  it('dates must be numbers, not strings', () => rejects(() => create({ startDate: '100' }), /^startDate:/));
  it('dates must not be past year 9999 (milliseconds by mistake)', () => rejects(() => create({ startDate: 1_700_000_000_000_000 }), /^startDate:.*seconds/));
  it('endDate must be >= startDate', () => rejects(() => create({ startDate: 200, endDate: 100 }), /^endDate: must be >= startDate/));
  it('accepts endDate equal to startDate', () => assert.equal(create({ startDate: 100, endDate: 100 }).endDate, 100));
  it('every attendee needs a userId or an email', () => rejects(() => create({ attendees: [{ userId: 'a' }, {}] }), /^attendees\[1\]: needs a userId or an email/));
  it('an attendee email must be an email address', () => rejects(() => create({ attendees: [{ email: 'not-an-email' }] }), /^attendees\[0\]\.email: must be an email/));
  it('an attendee userId must not be empty', () => rejects(() => create({ attendees: [{ userId: '' }] }), /^attendees\[0\]\.userId: must not be empty/));
  it('attendees may not carry unknown fields', () => rejects(() => create({ attendees: [{ userId: 'a', role: 'x' }] }), /unknown field attendees\[0\]\.role/));
  it('at most 200 attendees', () => rejects(() => create({ attendees: Array.from({ length: 201 }, (_, i) => ({ userId: `u${i}` })) }), /^attendees:/));
  it('flags must be booleans', () => rejects(() => create({ public: 'yes' }), /^public:/));
  it('unknown and read-only fields are refused by name', () => {
    rejects(() => create({ hostId: 'me' }), /unknown field hostId/);
    rejects(() => create({ colour: 'red' }), /unknown field colour/);
  });
  it('the body must be an object', () => rejects(() => create([1, 2]), /^body:/));
});

describe('meetings: PUT and PATCH validation', () => {
  it('PUT needs every editable field', () => {
    const { withChat: _omit, ...partial } = full;
    rejects(() => parseOrThrow(MeetingReplaceSchema, partial), /^withChat:/);
    assert.deepEqual(parseOrThrow(MeetingReplaceSchema, full), full);
  });
  it('PUT checks endDate >= startDate', () => rejects(() => parseOrThrow(MeetingReplaceSchema, { ...full, endDate: 50 }), /^endDate: must be >= startDate/));
  it('PATCH needs at least one field', () => rejects(() => parseOrThrow(MeetingPatchSchema, {}), /at least one field/));
  it('PATCH validates each given field', () => rejects(() => parseOrThrow(MeetingPatchSchema, { name: '' }), /^name: must not be empty/));
  it('PATCH checks endDate >= startDate against the merged meeting', () => {
    const patch = parseOrThrow(MeetingPatchSchema, { endDate: 150 });
    assert.equal(mergePatch(full, patch).endDate, 150);
    rejects(() => mergePatch(full, parseOrThrow(MeetingPatchSchema, { endDate: 99 })), /^endDate: must be >= startDate/);
  });
});

describe('meetings: list query validation', () => {
  const list = (qs: string) => parseOrThrow(MeetingListQuerySchema, foldQuery(new URLSearchParams(qs)), 'query');
  it('limit defaults to 100 and offset to 0', () => assert.deepEqual(list(''), { limit: 100, offset: 0 }));
  it('limit is 1..100', () => {
    rejects(() => list('limit=101'), /^limit:/);
    rejects(() => list('limit=0'), /^limit:/);
    rejects(() => list('limit=abc'), /^limit:/);
  });
  it('offset is an integer >= 0', () => {
    rejects(() => list('offset=-1'), /^offset:/);
    rejects(() => list('offset=1.5'), /^offset:/);
  });
  it('scheduled is true or false', () => {
    assert.equal(list('scheduled=true').scheduled, true);
    assert.equal(list('scheduled=false').scheduled, false);
    rejects(() => list('scheduled=1'), /^scheduled:/);
  });
  it('date filters take gt, gte, lt, lte with Unix seconds', () => {
    assert.deepEqual(list('startDate[gte]=10&startDate[lt]=20&updatedAt[lte]=5').startDate, { gte: 10, lt: 20 });
    rejects(() => list('startDate[gte]=-1'), /^startDate\.gte:/);
    rejects(() => list('endDate[gte]=x'), /^endDate\.gte:/);
  });
  it('an unknown operator is refused by name', () => rejects(() => list('startDate[ne]=1'), /unknown field startDate\.ne/));
  it('an unknown parameter is refused by name', () => rejects(() => list('sort=name'), /unknown field sort/));
  it('a malformed key is refused', () => rejects(() => list('startDate[gte=1'), /unknown parameter startDate\[gte/));
  it('a repeated parameter is refused', () => {
    rejects(() => list('limit=1&limit=2'), /^limit: given more than once/);
    rejects(() => list('startDate[gte]=1&startDate[gte]=2'), /^startDate\.gte: given more than once/);
  });
  it('a parameter given as both a value and a range is refused', () => rejects(() => list('startDate[gte]=1&startDate=2'), /given more than once|both/));
});

describe('meetings: token request validation', () => {
  it('a guest needs a non-empty name of at most 128 characters', () => {
    rejects(() => parseOrThrow(GuestRequestSchema, { name: ' ' }), /^name: must not be empty/);
    rejects(() => parseOrThrow(GuestRequestSchema, { name: 'x'.repeat(129) }), /^name:/);
    rejects(() => parseOrThrow(GuestRequestSchema, {}), /^name:/);
    assert.equal(parseOrThrow(GuestRequestSchema, { name: ' Ann ' }).name, 'Ann');
  });
  it('a guest request may not choose its own identity', () => rejects(() => parseOrThrow(GuestRequestSchema, { name: 'A', userId: 'alice' }), /unknown field userId/));
  it('a dev token needs a userId', () => rejects(() => parseOrThrow(DevTokenRequestSchema, { name: 'A' }), /^userId:/));
});

describe('chat: text validation', () => {
  it('trims the text', () => assert.equal(validateChatText('  hi  '), 'hi'));
  it('refuses empty or whitespace-only text', () => {
    rejects(() => validateChatText(''), /^text: must not be empty/);
    rejects(() => validateChatText(' \n\t '), /^text: must not be empty/);
  });
  it('accepts exactly 4,000 characters and refuses 4,001 (counted in code points)', () => {
    assert.equal(validateChatText('a'.repeat(CHAT_MAX_CHARS)).length, CHAT_MAX_CHARS);
    rejects(() => validateChatText('a'.repeat(CHAT_MAX_CHARS + 1)), /^text: must be at most 4000/);
    assert.equal([...validateChatText('😀'.repeat(CHAT_MAX_CHARS))].length, CHAT_MAX_CHARS);
  });
  it('refuses non-strings', () => rejects(() => validateChatText(42), /^text: must be a string/));
  it('keeps HTML as plain text (rendering is the client’s job)', () => assert.equal(validateChatText('<img src=x onerror=alert(1)>'), '<img src=x onerror=alert(1)>'));
});

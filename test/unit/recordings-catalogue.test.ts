/**
 * The recordings catalogue in SQLite (migration 3) behaves like the in-memory one behind the
 * RecordingsCatalogue interface, survives reopening, and takes over an old catalogue.json once.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../server/db/sqlite.js';
import { importJsonCatalogue, SqliteRecordingsCatalogue } from '../../server/meetings/recordings-repository.js';
import { CatalogueError, MemoryCatalogue, type RecordingRecord, type RecordingsCatalogue } from '../../server/recording/catalogue.js';

const rec = (over: Partial<RecordingRecord> = {}): RecordingRecord => ({
  id: 'rec_00000000000000000000000000000001',
  roomId: 'r1',
  startedAt: '2026-01-01T10:00:00.000Z',
  endedAt: null,
  duration: 0,
  size: 0,
  participants: [],
  status: 'recording',
  by: 'alice',
  ...over,
});

function tmp() {
  return mkdtempSync(path.join(os.tmpdir(), 'rec-cat-'));
}

async function contract(catalogue: RecordingsCatalogue) {
  await catalogue.add(rec());
  await catalogue.add(rec({ id: 'rec_00000000000000000000000000000002', roomId: 'm1', meetingId: 'm1', startedAt: '2026-01-01T11:00:00.000Z' }));
  await assert.rejects(catalogue.add(rec()), CatalogueError, 'ids are unique');
  const failed = await catalogue.update(rec().id, { status: 'failed', reason: 'ffmpeg died', participants: ['alice', 'bob'], duration: 9.5 });
  assert.equal(failed.reason, 'ffmpeg died');
  assert.deepEqual(failed.participants, ['alice', 'bob']);
  const ready = await catalogue.update(rec().id, { status: 'ready', size: 1234 });
  assert.equal(ready.reason, undefined, 'reason goes with the failed status');
  assert.deepEqual(await catalogue.get(rec().id), ready);
  assert.equal(await catalogue.get('rec_nope'), undefined);
  await assert.rejects(catalogue.update('rec_nope', { size: 1 }), CatalogueError);
  assert.deepEqual((await catalogue.list()).map((r) => r.id), [rec().id, 'rec_00000000000000000000000000000002']);
  assert.deepEqual((await catalogue.list({ roomId: 'm1' })).map((r) => r.meetingId), ['m1']);
  assert.deepEqual((await catalogue.list({ meetingId: 'm1' })).length, 1);
  assert.deepEqual((await catalogue.list({ status: 'ready' })).map((r) => r.size), [1234]);
  assert.deepEqual(await catalogue.list({ roomId: 'r1', status: 'recording' }), []);
}

describe('recordings catalogue', () => {
  test('MemoryCatalogue: the contract', () => contract(new MemoryCatalogue()));

  test('SqliteRecordingsCatalogue: the same contract, and it survives reopening', async () => {
    const dir = tmp();
    try {
      const db = openDatabase(dir);
      await contract(new SqliteRecordingsCatalogue(db));
      db.close();
      const again = new SqliteRecordingsCatalogue(openDatabase(dir));
      const r = await again.get(rec().id);
      assert.equal(r?.status, 'ready');
      assert.deepEqual(r?.participants, ['alice', 'bob']);
      assert.equal((await again.get('rec_00000000000000000000000000000002'))?.meetingId, 'm1');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the database rejects a bad status', async () => {
    const dir = tmp();
    try {
      const db = openDatabase(dir);
      const c = new SqliteRecordingsCatalogue(db);
      await assert.rejects(c.add(rec({ status: 'bogus' as never })), /CHECK constraint/);
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('importJsonCatalogue moves catalogue.json in once; a bad file is a CatalogueError', async () => {
    const dir = tmp();
    try {
      const c = new SqliteRecordingsCatalogue(openDatabase(dir));
      const file = path.join(dir, 'catalogue.json');
      assert.equal(await importJsonCatalogue(c, file), 0, 'no file');
      await c.add(rec());
      writeFileSync(file, JSON.stringify({ recordings: [rec({ status: 'ready' }), rec({ id: 'rec_00000000000000000000000000000003' })] }));
      assert.equal(await importJsonCatalogue(c, file), 1, 'the known id is kept as it is');
      assert.equal((await c.get(rec().id))?.status, 'recording');
      assert.equal(existsSync(file), false);
      assert.equal(existsSync(`${file}.imported`), true);
      writeFileSync(file, '{not json');
      await assert.rejects(importJsonCatalogue(c, file), CatalogueError);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

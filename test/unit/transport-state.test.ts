/**
 * A transport that fails, or stays `disconnected`, starts the session's resume with an ICE
 * restart (src/session/connection.ts `watchTransportState`, docs/reliability.md). A fake
 * transport and node:test's mock timers: no browser.
 */
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { describe, test } from 'node:test';
import { ICE_DISCONNECTED_MS, watchTransportState } from '../../src/session/connection.js';

class FakeTransport extends EventEmitter {
  connectionState = 'new';
  closed = false;
  set(state: string): void {
    this.connectionState = state;
    this.emit('connectionstatechange', state);
  }
}

function watched(): { transport: FakeTransport; calls: string[] } {
  const transport = new FakeTransport();
  const calls: string[] = [];
  watchTransportState(transport, (state) => calls.push(state));
  return { transport, calls };
}

describe('watchTransportState', () => {
  test('failed is reported at once', (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const { transport, calls } = watched();
    transport.set('connected');
    transport.set('failed');
    assert.deepEqual(calls, ['failed']);
  });

  test(`disconnected for ${ICE_DISCONNECTED_MS} ms is reported once; a shorter spell is not`, (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const { transport, calls } = watched();
    transport.set('connected');
    transport.set('disconnected');
    t.mock.timers.tick(ICE_DISCONNECTED_MS - 1);
    transport.set('connected'); // came back by itself
    t.mock.timers.tick(ICE_DISCONNECTED_MS * 2);
    assert.deepEqual(calls, [], 'a short loss recovers without a restart');

    transport.set('disconnected');
    t.mock.timers.tick(ICE_DISCONNECTED_MS - 1);
    assert.deepEqual(calls, []);
    t.mock.timers.tick(1);
    assert.deepEqual(calls, ['disconnected']);
    t.mock.timers.tick(ICE_DISCONNECTED_MS * 3);
    assert.deepEqual(calls, ['disconnected'], 'once per spell');
  });

  test('a disconnected spell that turns into failed is reported once, as failed', (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const { transport, calls } = watched();
    transport.set('disconnected');
    t.mock.timers.tick(ICE_DISCONNECTED_MS / 2);
    transport.set('failed');
    t.mock.timers.tick(ICE_DISCONNECTED_MS * 2);
    assert.deepEqual(calls, ['failed']);
  });

  test('a closed transport is not reported', (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const { transport, calls } = watched();
    transport.set('disconnected');
    transport.closed = true;
    t.mock.timers.tick(ICE_DISCONNECTED_MS);
    assert.deepEqual(calls, []);
  });
});

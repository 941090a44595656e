/**
 * Leak test (docs/reliability.md): LEAK_CYCLES (default 50; `npm run soak:leaks` runs 200)
 * join/leave cycles mixing clean leaves, dropped sockets (tab closes), full rejoins and resumes,
 * each with transports, a producer and a consumer. Afterwards every gauge is back to 0 and the
 * server process's RSS (spawned, read from /metrics) grew by less than 20 MB.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { spawn } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import type { ConfServer } from '../../server/app.js';
import { SignalingTestClient } from '../../server/test-client.js';
import { eventually, GAUGES, joinedPublisher, joinParams, opusRtpParameters, scrape } from './reliability-helpers.js';

const CYCLES = Number(process.env.LEAK_CYCLES ?? 50);
/** Warm-up cycles first (allocator arenas, JIT, ws buffers grow once), then the measured ones. */
const WARMUP = 40;
const MAX_RSS_GROWTH = 20 * 1024 * 1024;

/**
 * The real server as its own process (`tsx server/index.ts`), so that its RSS is not mixed with the
 * test client's. A small young generation keeps uncollected garbage from passing as growth.
 */
async function spawnServer(): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const p = (probe.address() as AddressInfo).port;
      probe.close(() => resolve(p));
    });
  });
  const env = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    NUM_WORKERS: '1',
    RESUME_GRACE_S: '2',
    RATE_LIMIT_REQUESTS_PER_SECOND: '0',
    RATE_LIMIT_JOINS_PER_MINUTE: '0',
    RATE_LIMIT_CONNECTIONS_PER_MINUTE: '0',
  };
  const child = spawn(process.execPath, ['--max-semi-space-size=1', '--import', 'tsx', 'server/index.ts'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const url = `http://127.0.0.1:${port}`;
  await eventually(async () => {
    if (child.exitCode !== null) assert.fail(`server exited: ${err}`);
    return fetch(`${url}/healthz`).then((r) => r.ok, () => false);
  }, 'the server answers /healthz');
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

describe('server: no leaks over join/leave cycles', () => {
  let server: ConfServer;
  before(async () => {
    const spawned = await spawnServer();
    server = { url: spawned.url, port: 0, close: spawned.stop };
  });
  after(async () => server?.close());

  it(`${CYCLES} cycles (clean leave, socket drop, rejoin, resume): gauges back to 0, RSS growth < 20 MB`, { timeout: 600_000 }, async () => {
    const partner = await joinedPublisher(server, 'leak-room', 'partner', 42);

    const cycle = async (i: number) => {
      const userId = `u${i % 7}`;
      const mode = i % 4;
      const first = await joinedPublisher(server, 'leak-room', userId, 1000 + i);
      const consumer = await first.client.call('consume', { producerId: partner.producerId, rtpCapabilities: first.joined.routerRtpCapabilities });
      await first.client.call('resumeConsumer', { consumerId: consumer.id });
      if (mode === 0) {
        await first.client.call('leave', {});
        await first.client.close();
        return;
      }
      const seen = partner.client.notifications.length;
      first.client.ws.terminate(); // a tab close: no leave
      await eventually(
        () =>
          partner.client.notifications.slice(seen).some((n) => {
            const d = n.data as { userId?: string; reconnecting?: boolean };
            return n.method === 'publisherReconnecting' && d.userId === userId && d.reconnecting === true;
          }),
        'the partner sees the drop',
      );
      if (mode === 1) return; // removed when the grace expires
      const next = await SignalingTestClient.connect(server.url);
      if (mode === 2) {
        await next.call('join', joinParams('leak-room', userId)); // full rejoin replaces the kept participant
        const send = await next.call('createTransport', { direction: 'send' });
        await next.call('produce', { transportId: send.id, kind: 'audio', rtpParameters: opusRtpParameters(5000 + i), source: 'mic' });
      } else {
        const resumed = await next.call('resume', { resumeToken: first.joined.resumeToken });
        assert.equal(resumed.consumers.length, 1);
        await next.call('restartIce', { transportId: resumed.transports[0]!.id });
      }
      await next.call('leave', {});
      await next.close();
    };

    for (let i = 0; i < WARMUP; i++) await cycle(i);
    await eventually(async () => (await scrape(server)).get('conf_kit_participants') === 1, 'warm-up settled', 60_000);
    const rssBefore = (await scrape(server)).get('conf_kit_process_rss_bytes')!;
    for (let i = WARMUP; i < WARMUP + CYCLES; i++) await cycle(i);

    await partner.client.call('leave', {});
    await partner.client.close();
    // Dropped sockets are removed when their grace expires.
    let last = new Map<string, number>();
    await eventually(
      async () => {
        last = await scrape(server);
        return GAUGES.every((name) => last.get(name) === 0);
      },
      'every gauge back to 0',
      60_000,
    );
    for (const name of GAUGES) assert.equal(last.get(name), 0, name);
    assert.equal(last.get('conf_kit_worker_routers'), 0);
    assert.ok((last.get('conf_kit_resumes_total') ?? 0) >= Math.floor(CYCLES / 4), 'resumes happened');
    assert.ok((last.get('conf_kit_rejoins_total') ?? 0) >= Math.floor(CYCLES / 4), 'rejoins happened');
    const health = (await (await fetch(`${server.url}/healthz`)).json()) as { rooms: number; connections: number };
    assert.equal(health.rooms, 0);
    await eventually(async () => ((await (await fetch(`${server.url}/healthz`)).json()) as { connections: number }).connections === 0, 'no sockets left');

    const growth = (await scrape(server)).get('conf_kit_process_rss_bytes')! - rssBefore;
    if (process.env.LEAK_DEBUG) console.log(`rss growth ${(growth / 1048576).toFixed(1)} MB`);
    assert.ok(growth < MAX_RSS_GROWTH, `RSS grew by ${(growth / 1024 / 1024).toFixed(1)} MB over ${CYCLES} cycles`);
  });
});

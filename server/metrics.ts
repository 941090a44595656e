/**
 * Prometheus metrics (prom-client) for `GET /metrics` (docs/reliability.md). One Registry per
 * server (not prom-client's global one), so in-process test servers do not share counters.
 * Gauges are computed from the live rooms on every scrape; counters are bumped by the server.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { Counter, Gauge, Registry } from 'prom-client';
import type { types as ms } from 'mediasoup';
import type { Participant } from './participant.js';
import type { RoomRegistry } from './room-registry.js';
import type { WorkerPool } from './worker-pool.js';

export interface MetricsSources {
  registry: RoomRegistry;
  pool: WorkerPool;
}

export class Metrics {
  readonly register = new Registry();
  readonly joins = new Counter({ name: 'conf_kit_joins_total', help: 'Successful joins', registers: [this.register] });
  readonly leaves = new Counter({
    name: 'conf_kit_leaves_total',
    help: 'Participants gone, by reason (left, disconnected, replaced, room-closed, removed)',
    labelNames: ['reason'] as const,
    registers: [this.register],
  });
  readonly resumes = new Counter({ name: 'conf_kit_resumes_total', help: 'Successful resume requests', registers: [this.register] });
  readonly rejoins = new Counter({
    name: 'conf_kit_rejoins_total',
    help: 'Joins that replaced a participant with the same userId (a full rejoin)',
    registers: [this.register],
  });
  readonly errors = new Counter({
    name: 'conf_kit_errors_total',
    help: 'Error responses sent, by protocol error code',
    labelNames: ['code'] as const,
    registers: [this.register],
  });
  readonly iceRestarts = new Counter({
    name: 'conf_kit_ice_restarts_total',
    help: 'Successful restartIce requests (a client re-establishing a broken media path)',
    registers: [this.register],
  });
  readonly workerRestarts = new Counter({
    name: 'conf_kit_worker_restarts_total',
    help: 'mediasoup workers that died and were replaced',
    registers: [this.register],
  });

  /** Wires the scrape-time gauges to the live server objects. */
  observe({ registry, pool }: MetricsSources): void {
    pool.on('workerReplaced', () => this.workerRestarts.inc());
    const participants = (): Participant[] => [...registry.all()].flatMap((room) => [...room.members()]);
    const sum = (key: keyof ReturnType<Participant['counts']>) => participants().reduce((n, p) => n + p.counts()[key], 0);
    const gauge = (name: string, help: string, value: () => number) =>
      new Gauge({
        name,
        help,
        registers: [this.register],
        collect() {
          this.set(value());
        },
      });
    gauge('conf_kit_rooms', 'Open rooms', () => registry.size);
    gauge('conf_kit_participants', 'Participants in rooms (including ones kept for resume)', () => participants().length);
    gauge('conf_kit_participants_reconnecting', 'Participants kept for resume (socket or media lost)', () =>
      participants().filter((p) => p.reconnecting).length,
    );
    gauge('conf_kit_transports', 'WebRtcTransports', () => sum('transports'));
    gauge('conf_kit_producers', 'Producers', () => sum('producers'));
    gauge('conf_kit_consumers', 'Consumers', () => sum('consumers'));
    gauge('conf_kit_consumers_paused', 'Consumers paused (by the client or because their producer is paused)', () => sum('consumersPaused'));
    gauge('conf_kit_workers', 'Live mediasoup workers', () => pool.size);
    gauge('conf_kit_process_rss_bytes', 'Resident set size of the server process', () => process.memoryUsage().rss);

    const workerLabels = (w: ms.Worker) => ({ pid: String(w.pid), index: String((w.appData as { index?: number }).index ?? '') });
    new Gauge({
      name: 'conf_kit_worker_routers',
      help: 'Routers (one per room) on each mediasoup worker',
      labelNames: ['pid', 'index'] as const,
      registers: [this.register],
      collect() {
        this.reset();
        for (const worker of pool.live()) {
          let n = 0;
          for (const room of registry.all()) if (room.worker === worker) n++;
          this.set(workerLabels(worker), n);
        }
      },
    });
    new Gauge({
      name: 'conf_kit_worker_cpu_seconds',
      help: 'CPU time used by each mediasoup worker (worker.getResourceUsage())',
      labelNames: ['pid', 'index', 'mode'] as const,
      registers: [this.register],
      async collect() {
        this.reset();
        await Promise.all(
          pool.live().map(async (worker) => {
            try {
              const usage = await worker.getResourceUsage();
              this.set({ ...workerLabels(worker), mode: 'user' }, usage.ru_utime / 1000);
              this.set({ ...workerLabels(worker), mode: 'system' }, usage.ru_stime / 1000);
            } catch {
              // The worker died between listing and asking; it is simply absent from this scrape.
            }
          }),
        );
      },
    });
  }

  /** Counts one participant's end, by reason. */
  track(participant: Participant): void {
    participant.once('closed', (reason) => this.leaves.inc({ reason }));
  }
}

function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

function tokenMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  if (!match) return false;
  const given = Buffer.from(match[1]!);
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * `GET /metrics`: loopback clients, or anyone with `Authorization: Bearer METRICS_TOKEN`.
 * 401 with a wrong/missing token when one is configured, 403 when none is.
 */
export function serveMetrics(metrics: Metrics, metricsToken: string | undefined, req: IncomingMessage, res: ServerResponse): void {
  const allowed = isLoopback(req.socket.remoteAddress) || (metricsToken !== undefined && tokenMatches(req.headers.authorization, metricsToken));
  const plain = (status: number, body: string, extra: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...extra });
    res.end(body);
  };
  if (!allowed) {
    if (metricsToken !== undefined) plain(401, 'unauthorized\n', { 'www-authenticate': 'Bearer' });
    else plain(403, 'forbidden: /metrics answers loopback clients only (set METRICS_TOKEN)\n');
    return;
  }
  metrics.register.metrics().then(
    (text) => {
      res.writeHead(200, { 'content-type': metrics.register.contentType, 'cache-control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : text);
    },
    () => plain(500, 'metrics failed\n'),
  );
}

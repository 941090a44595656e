/**
 * One mediasoup worker per core. Rooms go to the least-loaded worker; a worker that dies is
 * reported (so its rooms can be closed) and replaced.
 */
import { EventEmitter } from 'node:events';
import type { types as ms } from 'mediasoup';
import type { Logger } from './logger.js';
import { ProtocolError } from './protocol-schema.js';

export type MediasoupModule = typeof import('mediasoup');

export interface WorkerPoolOptions {
  numWorkers: number;
  rtcMinPort: number;
  rtcMaxPort: number;
  /** PEM files for DTLS; the worker makes its own certificate when unset. */
  dtls?: { dtlsCertificateFile: string; dtlsPrivateKeyFile: string };
  logger: Logger;
}

export type WorkerPoolEvents = {
  /** A worker died. Everything on it (routers, transports) is gone; `worker` is the dead one. */
  workerDied: [worker: ms.Worker, error: Error];
  /** A replacement worker started in the slot of a dead one. */
  workerReplaced: [worker: ms.Worker];
};

const REPLACE_RETRY_MS = 2000;

export class WorkerPool extends EventEmitter<WorkerPoolEvents> {
  private readonly slots: (ms.Worker | null)[] = [];
  private closed = false;
  private readonly retryTimers = new Set<NodeJS.Timeout>();

  private constructor(
    private readonly mediasoup: MediasoupModule,
    private readonly options: WorkerPoolOptions,
  ) {
    super();
  }

  /** Starts `numWorkers` workers; rejects (after closing any started) if one fails to start. */
  static async create(mediasoup: MediasoupModule, options: WorkerPoolOptions): Promise<WorkerPool> {
    const pool = new WorkerPool(mediasoup, options);
    try {
      for (let i = 0; i < options.numWorkers; i++) {
        pool.slots.push(await pool.startWorker(i));
      }
    } catch (error) {
      pool.close();
      throw error;
    }
    return pool;
  }

  /** Number of live workers. */
  get size(): number {
    return this.slots.filter((w) => w !== null && !w.closed).length;
  }

  /**
   * The live worker with the lowest load, as measured by `loadOf` (the caller knows what runs
   * where: rooms, producers, consumers). Throws when no worker is alive.
   */
  leastLoaded(loadOf: (worker: ms.Worker) => number): ms.Worker {
    let best: ms.Worker | null = null;
    let bestLoad = Infinity;
    for (const worker of this.slots) {
      if (!worker || worker.closed) continue;
      const load = loadOf(worker);
      if (load < bestLoad) {
        best = worker;
        bestLoad = load;
      }
    }
    if (!best) throw new Error('no mediasoup worker is available');
    return best;
  }

  /** The live workers (metrics). */
  live(): ms.Worker[] {
    return this.slots.filter((w): w is ms.Worker => w !== null && !w.closed);
  }

  /**
   * Resolves when a live worker exists: at once, or when a dead one's replacement starts
   * (Reliability: a rejoin right after a worker died). Rejects with `room-closed` after `timeoutMs`.
   */
  whenAvailable(timeoutMs = 10_000): Promise<void> {
    if (this.size > 0) return Promise.resolve();
    if (this.closed) return Promise.reject(new ProtocolError('room-closed', 'the server is shutting down'));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.off('workerReplaced', onReplaced);
        reject(new ProtocolError('room-closed', 'no media worker is available; try again'));
      }, timeoutMs);
      const onReplaced = () => {
        clearTimeout(timer);
        resolve();
      };
      this.once('workerReplaced', onReplaced);
    });
  }

  close(): void {
    this.closed = true;
    for (const timer of this.retryTimers) clearTimeout(timer);
    this.retryTimers.clear();
    for (const worker of this.slots) worker?.close();
    this.slots.length = 0;
  }

  private async startWorker(index: number): Promise<ms.Worker> {
    const { rtcMinPort, rtcMaxPort, dtls, logger } = this.options;
    const worker = await this.mediasoup.createWorker({
      logLevel: 'warn',
      rtcMinPort,
      rtcMaxPort,
      ...dtls,
      appData: { index },
    });
    logger.info({ workerIndex: index, workerPid: worker.pid }, 'mediasoup worker started');
    worker.on('died', (error: Error) => this.onDied(index, worker, error));
    return worker;
  }

  private onDied(index: number, worker: ms.Worker, error: Error): void {
    const { logger } = this.options;
    logger.error({ workerIndex: index, workerPid: worker.pid, err: error }, 'mediasoup worker died');
    if (this.slots[index] === worker) this.slots[index] = null;
    try {
      this.emit('workerDied', worker, error);
    } catch (listenerError) {
      logger.error({ err: listenerError }, 'workerDied listener failed');
    }
    this.replace(index);
  }

  private replace(index: number): void {
    if (this.closed) return;
    const { logger } = this.options;
    this.startWorker(index).then(
      (worker) => {
        if (this.closed) {
          worker.close();
          return;
        }
        this.slots[index] = worker;
        logger.info({ workerIndex: index, workerPid: worker.pid }, 'mediasoup worker replaced');
        this.emit('workerReplaced', worker);
      },
      (error: unknown) => {
        logger.error({ workerIndex: index, err: error }, 'could not start a replacement worker; retrying');
        const timer = setTimeout(() => {
          this.retryTimers.delete(timer);
          this.replace(index);
        }, REPLACE_RETRY_MS);
        timer.unref();
        this.retryTimers.add(timer);
      },
    );
  }
}

/**
 * Assembles the server: config -> mediasoup workers -> rooms -> signalling -> HTTP.
 * Used by server/index.ts (the CLI) and by the tests (in-process, port 0).
 */
import type { AddressInfo } from 'node:net';
import { loadConfig, resolveWorkerBin, type Config } from './config.js';
import { dtlsFiles } from './dtls-cert.js';
import { createHttpServer } from './http.js';
import { createLogger, type Logger } from './logger.js';
import { RoomRegistry } from './room-registry.js';
import { SignalingServer } from './signaling.js';
import { WorkerPool, type MediasoupModule } from './worker-pool.js';
// --- recording ---
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { JsonFileCatalogue } from './recording/catalogue.js';
import { RecordingManager } from './recording/manager.js';
import { allowAll, createRecordingRouter, type Authorize } from './recording/router.js';
import { openCanRecord, recordingSocketApi, type CanRecord } from './recording/socket.js';

/** Hooks the integrator wires to tokens/grants (defaults: open mode, everything allowed). */
export interface RecordingHooks {
  authorize?: Authorize;
  canRecord?: CanRecord;
}

export type { Config } from './config.js';

export interface ConfServer {
  /** `http://host:port`; the signalling WebSocket is at `ws://host:port/ws`. */
  url: string;
  /** The real port (useful with `port: 0`). */
  port: number;
  /** Closes sockets, rooms, workers and the HTTP server. Idempotent. */
  close(): Promise<void>;
}

let mediasoupModule: Promise<MediasoupModule> | null = null;

/**
 * Loads mediasoup once. mediasoup 3.8.4 reads MEDIASOUP_WORKER_BIN when its module loads, so
 * the binary is resolved and the variable set before the dynamic import.
 */
function loadMediasoup(): Promise<MediasoupModule> {
  if (!mediasoupModule) {
    const bin = resolveWorkerBin();
    process.env.MEDIASOUP_WORKER_BIN = bin;
    mediasoupModule = import('mediasoup').then((m) => ((m as { default?: MediasoupModule }).default ?? m) as MediasoupModule);
    mediasoupModule.catch(() => {
      mediasoupModule = null;
    });
  }
  return mediasoupModule;
}

function formatUrl(host: string, port: number): string {
  const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}`;
}

/**
 * Starts a conf-kit server. Config comes from the environment, then `overrides` win.
 * Rejects with a clear message on bad config or a missing mediasoup-worker binary.
 */
export async function startConfServer(overrides: Partial<Config> = {}, hooks: RecordingHooks = {}): Promise<ConfServer> {
  const config = loadConfig(overrides);
  const logger: Logger = createLogger(config.logLevel);
  const mediasoup = await loadMediasoup();

  const pool = await WorkerPool.create(mediasoup, {
    numWorkers: config.numWorkers,
    rtcMinPort: config.rtcMinPort,
    rtcMaxPort: config.rtcMaxPort,
    dtls: await dtlsFiles(config, logger),
    logger,
  });
  const registry = new RoomRegistry({
    pool,
    maxParticipants: config.maxParticipants,
    transport: {
      listenIps: [{ ip: config.listenIp, ...(config.announcedIp ? { announcedIp: config.announcedIp } : {}) }],
      initialAvailableOutgoingBitrate: 1_000_000,
    },
    logger,
  });
  // --- recording ---
  const recordings = new RecordingManager({
    dir: config.recordingsDir,
    ffmpegPath: config.ffmpegPath,
    catalogue: await JsonFileCatalogue.open(path.join(config.recordingsDir, 'catalogue.json')),
    getRoom: (roomId) => registry.get(roomId),
    logger: logger.child({ component: 'recording' }),
    minFreeBytes: config.recordingsMinFreeMb * 1024 * 1024,
  });
  await recordings.init();
  registry.recording = recordingSocketApi(recordings, hooks.canRecord ?? openCanRecord);
  const recordingApi = createRecordingRouter({
    manager: recordings,
    authorize: hooks.authorize ?? allowAll,
    secret: config.recordingSecret ?? randomBytes(32).toString('hex'),
    urlTtlSeconds: config.recordingUrlTtlSeconds,
  });
  // --- end recording ---
  const signaling = new SignalingServer(registry, logger);
  const http = createHttpServer({
    staticDir: config.staticDir,
    health: () => ({ rooms: registry.size, workers: pool.size, connections: signaling.connectionCount }),
    onUpgrade: (req, socket, head) => signaling.handleUpgrade(req, socket, head),
    logger,
    api: recordingApi, // recording
  });

  try {
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(config.port, config.host, () => {
        http.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    signaling.close();
    registry.closeAll('server failed to start');
    pool.close();
    throw error;
  }
  http.on('error', (error) => logger.error({ err: error }, 'http server error'));

  const port = (http.address() as AddressInfo).port;
  const url = formatUrl(config.host, port);
  logger.debug(
    { listenIp: config.listenIp, announcedIp: config.announcedIp, workers: pool.size, staticDir: config.staticDir },
    'server started',
  );

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      await recordings.shutdown().catch((error: unknown) => logger.error({ err: error }, 'stopping recordings failed')); // recording
      signaling.close();
      registry.closeAll('server shutting down');
      pool.close();
      await new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeIdleConnections();
        // Give sockets a moment to finish their close handshake, then cut what is left.
        const timer = setTimeout(() => {
          signaling.terminateAll();
          http.closeAllConnections();
        }, 1000);
        timer.unref();
      });
      logger.debug('server closed');
    })();
    return closing;
  };

  return { url, port, close };
}

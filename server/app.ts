/**
 * Assembles the server: config -> mediasoup workers -> rooms -> signalling -> HTTP.
 * Used by server/index.ts (the CLI) and by the tests (in-process, port 0).
 */
import type { AddressInfo } from 'node:net';
import { AccessControl } from './auth/access.js';
import { loadConfig, resolveWorkerBin, type Config } from './config.js';
import { dtlsFiles } from './dtls-cert.js';
import { createHttpServer } from './http.js';
import { createLogger, type Logger } from './logger.js';
import { createMeetingsService } from './meetings/index.js';
import { chatSocketApi } from './meetings/socket.js';
import { Metrics, serveMetrics } from './metrics.js';
import { ResumeManager } from './resume.js';
import { RoomRegistry } from './room-registry.js';
import { SignalingServer } from './signaling.js';
import { createTestDelay } from './test-delay.js';
import { WorkerPool, type MediasoupModule } from './worker-pool.js';
import { CallService, openIdentity, tokenIdentity } from './calls/service.js';
// --- recording ---
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { importJsonCatalogue } from './meetings/recordings-repository.js';
import { RecordingManager } from './recording/manager.js';
import { grantCanRecord, tokenAuthorize } from './recording/access.js';
import { createRecordingRouter } from './recording/router.js';
import { recordingSocketApi } from './recording/socket.js';
import type { Meeting } from './meetings/model.js';


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
export async function startConfServer(overrides: Partial<Config> = {}): Promise<ConfServer> {
  const config = loadConfig(overrides);
  // Set once the recording manager exists (below); meetings only change through the API after listen().
  let meetingRecordFlag: (next: Meeting, previous: Meeting | undefined) => void = () => undefined;
  const logger: Logger = createLogger(config.logLevel);
  const mediasoup = await loadMediasoup();

  // The meetings database opens first: a bad DATA_DIR fails fast, before any worker starts.
  // The signalling layer is to call meetings.checkMeetingAccess at join and meetings.chat for chat.
  const meetings = createMeetingsService({
    dataDir: config.dataDir,
    secret: config.secret,
    rateLimit: { burst: config.apiRateBurst, perSecond: config.apiRatePerSecond },
    logger,
    onMeetingChange: (next, previous) => meetingRecordFlag(next, previous), // recording
  });
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
      dynacast: config.dynacast === 'on',
    },
    logger,
  });
  const access = new AccessControl(config, undefined, {
    devSecret: meetings.secret,
    meetingAccess: (roomId, identity) => meetings.checkMeetingAccess(roomId, identity),
  });
  // --- recording ---
  const legacy = path.join(config.recordingsDir, 'catalogue.json');
  await importJsonCatalogue(meetings.recordings, legacy).then(
    (imported) => imported > 0 && logger.info({ imported }, `recordings moved from ${legacy} into the database`),
    (error: unknown) => logger.error({ err: error }, `recordings in ${legacy} were not imported`),
  );
  const recordings = new RecordingManager({
    dir: config.recordingsDir,
    ffmpegPath: config.ffmpegPath,
    catalogue: meetings.recordings,
    getRoom: (roomId) => registry.get(roomId),
    logger: logger.child({ component: 'recording' }),
    minFreeBytes: config.recordingsMinFreeMb * 1024 * 1024,
    meetingIdOf: async (roomId) => ((await meetings.meetings.get(roomId)) ? roomId : undefined),
  });
  await recordings.init();
  const hostOf = async (roomId: string) => (await meetings.meetings.get(roomId))?.hostId;
  // The meeting `record` flag (seed): false -> true starts recording a live room, true -> false
  // stops it; a meeting created with `record: true` starts when its first participant joins.
  const recordingLog = logger.child({ component: 'recording' });
  const startForMeeting = (id: string) =>
    void recordings.start(id, 'meeting', id).catch((error: unknown) => recordingLog.warn({ err: error, meetingId: id }, 'meeting recording did not start'));
  meetingRecordFlag = (next, previous) => {
    if (next.record && !previous?.record && registry.get(next.id)?.closed === false) startForMeeting(next.id);
    if (!next.record && previous?.record) void recordings.stop(next.id).catch((error: unknown) => recordingLog.warn({ err: error }, 'stopping the meeting recording failed'));
  };
  registry.onJoined = (room) => {
    if (room.size !== 1 || recordings.state(room.id).active) return;
    void meetings.meetings.get(room.id).then((m) => m?.record && startForMeeting(room.id), () => undefined);
  };
  registry.recording = recordingSocketApi(recordings, grantCanRecord(hostOf));
  // Chat (docs/meetings.md): join results carry the history; sendChatMessage posts.
  registry.chat = chatSocketApi({ meetings: meetings.meetings, chat: meetings.chat, limiter: meetings.chatLimiter });
  const recordingApi = createRecordingRouter({
    manager: recordings,
    authorize: tokenAuthorize(access, hostOf),
    secret: config.recordingSecret ?? randomBytes(32).toString('hex'),
    urlTtlSeconds: config.recordingUrlTtlSeconds,
    meetingExists: async (id) => (await meetings.meetings.get(id)) !== undefined,
  });
  // --- end recording ---
  // Calls (docs/calls.md): a callee is who its token says (open mode: who it says, or its dev token).
  const callsIdentity = tokenIdentity((token) => access.verifyIdentity(token));
  const calls = new CallService({
    answerTimeoutMs: config.callAnswerTimeoutMs,
    maxParticipants: config.maxParticipants,
    roomOccupancy: (roomId) => registry.get(roomId)?.size ?? 0,
    identity: (params) => (access.mode === 'open' && params.token === undefined ? openIdentity(params) : callsIdentity(params)),
  });
  if (access.mode === 'open') {
    logger.warn('open mode: CONF_KIT_SECRET is not set, so anyone may join as anyone (docs/auth.md)');
  } else {
    logger.info({ tokenMaxTtlSeconds: config.tokenMaxTtlSeconds }, 'secure mode: every join needs a signed token');
  }
  // Reliability (docs/reliability.md)
  const metrics = new Metrics();
  metrics.observe({ registry, pool });
  const resume = new ResumeManager(config.resumeGraceS * 1000, metrics, logger);
  const signaling = new SignalingServer(registry, access, logger, {
    pingIntervalMs: config.wsPingIntervalMs,
    pingTimeoutMs: config.wsPingTimeoutMs,
    shutdownReconnectMs: config.shutdownReconnectMs,
    resume,
    metrics,
    testDelay: createTestDelay(config.testDelayMs, config.testDelayFirstN, logger, config.testDelayMethods),
    calls, // calls (issue 12)
  });
  const http = createHttpServer({
    staticDir: config.staticDir,
    health: () => ({ rooms: registry.size, workers: pool.size, connections: signaling.connectionCount }),
    onUpgrade: (req, socket, head) => signaling.handleUpgrade(req, socket, head),
    metrics: (req, res) => serveMetrics(metrics, config.metricsToken, req, res),
    logger,
    api: async (req, res) => (await recordingApi(req, res)) || meetings.handle(req, res),
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
    access.close();
    registry.closeAll('server failed to start');
    pool.close();
    meetings.close();
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
      access.close();
      calls.close(); // calls (issue 12)
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
      meetings.close();
      logger.debug('server closed');
    })();
    return closing;
  };

  return { url, port, close };
}


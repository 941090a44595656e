/**
 * Server configuration: read from the environment, overridable in code (tests use
 * `startConfServer({ port: 0, ... })`), validated with zod.
 */
import { existsSync, readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { parseAllowedOrigins } from './auth/origin.js';
import { DEFAULT_MAX_TTL_SECONDS, MIN_SECRET_LENGTH, parseDuration } from './auth/tokens.js';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Config {
  /** HTTP + WebSocket port. 0 picks a free port. */
  port: number;
  /** Interface the HTTP server binds to. */
  host: string;
  /** IP the WebRTC transports listen on. */
  listenIp: string;
  /** Public IP announced in ICE candidates (behind NAT). Leave unset on loopback. */
  announcedIp?: string;
  rtcMinPort: number;
  rtcMaxPort: number;
  maxParticipants: number;
  logLevel: LogLevel;
  numWorkers: number;
  /**
   * Directory of the built demo, served over HTTP; `null` serves no files (only `/healthz` and the
   * WebSocket). The `conf-kit-server` bin passes `null` unless it is started with `--demo`.
   */
  staticDir: string | null;
  /**
   * PEM certificate and key for DTLS. When unset, one (ECDSA P-256, SHA-256) is generated with
   * openssl at start, because the 3.8.4 worker signs its own with SHA-1.
   */
  dtlsCertificateFile?: string;
  dtlsPrivateKeyFile?: string;

  // Access control (docs/auth.md)
  /** CONF_KIT_SECRET: set = secure mode (every join needs a token signed with it). */
  secret?: string;
  /** TOKEN_MAX_TTL: the longest token lifetime accepted, in seconds (env: `3600`, `90m`, `24h`). */
  tokenMaxTtlSeconds: number;
  /** ALLOWED_ORIGINS: origins allowed to open the WebSocket (`*` = any). Unset: own origin (+ localhost in open mode). */
  allowedOrigins?: string[];
  /** RATE_LIMIT_CONNECTIONS_PER_MINUTE: new WebSocket connections per client IP (0 = no limit). */
  connectionsPerMinute: number;
  /** RATE_LIMIT_JOINS_PER_MINUTE: joins per client IP (0 = no limit). */
  joinsPerMinute: number;
  /** RATE_LIMIT_REQUESTS_PER_SECOND: sustained requests per socket (0 = no limit). */
  requestsPerSecond: number;
  /** RATE_LIMIT_REQUEST_BURST: requests one socket may send at once before the per-second rate applies. */
  requestBurst: number;
  /** Meetings database and the open-mode dev secret live here (DATA_DIR, default ./data). */
  dataDir: string;
  /** REST rate limit per client IP: bucket size (API_RATE_BURST) and refill per second (API_RATE_PER_SECOND). */
  apiRateBurst: number;
  apiRatePerSecond: number;
  /** calls (issue 12): how long a callee rings before `no-answer`, in ms (default 60000). */
  callAnswerTimeoutMs: number;
  // --- recording (server/recording, docs/recording.md) ---
  /** Where segments, manifests, composed files and catalogue.json go. Default ./data/recordings. */
  recordingsDir: string;
  /** The ffmpeg binary (ffprobe is looked up next to it). Default `ffmpeg`. */
  ffmpegPath: string;
  /** HMAC secret for download links. Default: random per process (links die on restart). */
  recordingSecret?: string;
  /** Lifetime of a download link, seconds. Default 3600. */
  recordingUrlTtlSeconds: number;
  /** Refuse to start a recording with less free space than this in recordingsDir (MB). Default 200. */
  recordingsMinFreeMb: number;

  // Reliability (docs/reliability.md)
  /** RESUME_GRACE_S: how long a dropped participant is kept for `resume` (0 = removed at once). */
  resumeGraceS: number;
  /** WS_PING_INTERVAL_MS: WebSocket ping interval. */
  wsPingIntervalMs: number;
  /** WS_PING_TIMEOUT_MS: a socket silent (no pong, no message) this long is cut. Detection <= interval + timeout. */
  wsPingTimeoutMs: number;
  /** SHUTDOWN_RECONNECT_MS: the `reconnectInMs` sent in `serverShutdown`. */
  shutdownReconnectMs: number;
  /**
   * DYNACAST: `on` (default) tells each publisher which simulcast layers anyone watches
   * (`layersWanted`, docs/layouts.md#dynacast-publisher-side); `off` sends nothing, so publishers
   * encode every layer (for comparisons: `npm run bench:publisher`).
   */
  dynacast: 'on' | 'off';
  /** METRICS_TOKEN: Bearer token for `GET /metrics` from non-loopback clients (unset: loopback only). */
  metricsToken?: string;
  /** CONF_KIT_TEST_DELAY_MS: TEST ONLY (needs NODE_ENV=test): delay handlers by this much. */
  testDelayMs: number;
  /** CONF_KIT_TEST_DELAY_FIRST_N: TEST ONLY: ...for the first N requests of the server (0 = all). */
  testDelayFirstN: number;
  /** CONF_KIT_TEST_DELAY_METHODS: TEST ONLY: delay only these methods, the first N of each (empty = all methods, the first N together). */
  testDelayMethods: string[];
}

/** Thrown for bad configuration values; the message names the variable and the problem. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * The conf-kit repository root (the directory whose package.json is named `conf-kit`), found from
 * this file's location: works from server/ and from server/dist/server/. `null` when the server
 * runs from an installed conf-kit-server package outside the repository.
 */
export function repoRoot(): string | null {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const file = path.join(dir, 'package.json');
    if (existsSync(file)) {
      try {
        if ((JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown }).name === 'conf-kit') return dir;
      } catch {
        /* not a readable package.json: keep looking */
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return null;
}

/** The built demo of the repository (`dist/demo`), or `./dist/demo` of the working directory outside it. */
export function defaultDemoDir(): string {
  return path.join(repoRoot() ?? process.cwd(), 'dist', 'demo');
}

const ip = z.string().refine((v) => isIP(v) !== 0, { message: 'must be an IP address' });
const port = z.coerce.number().int().min(0).max(65535);
const rtcPort = z.coerce.number().int().min(1024).max(65535);

const ConfigSchema = z
  .object({
    port: port.default(3000),
    host: z.string().min(1).max(255).default('127.0.0.1'),
    listenIp: ip.optional(),
    announcedIp: ip.optional(),
    rtcMinPort: rtcPort.default(40000),
    rtcMaxPort: rtcPort.default(49999),
    maxParticipants: z.coerce.number().int().min(1).max(1000).default(12),
    logLevel: z.enum(LOG_LEVELS).default('info'),
    numWorkers: z.coerce.number().int().min(1).max(256).optional(),
    staticDir: z.string().min(1).nullable().optional(),
    dtlsCertificateFile: z.string().min(1).optional(),
    dtlsPrivateKeyFile: z.string().min(1).optional(),
    secret: z.string().min(MIN_SECRET_LENGTH, `must be at least ${MIN_SECRET_LENGTH} characters`).optional(),
    tokenMaxTtlSeconds: z
      .preprocess((v) => (typeof v === 'string' ? (parseDuration(v) ?? v) : v), z.int('must be a duration like 3600, 90m or 24h').positive())
      .default(DEFAULT_MAX_TTL_SECONDS),
    allowedOrigins: z
      .preprocess(
        (v) => (Array.isArray(v) ? v.join(',') : v),
        z.string().transform((v, ctx) => {
          try {
            return parseAllowedOrigins(v);
          } catch (error) {
            ctx.addIssue({ code: 'custom', message: (error as Error).message });
            return z.NEVER;
          }
        }),
      )
      .optional(),
    connectionsPerMinute: z.coerce.number().int().min(0).default(300),
    joinsPerMinute: z.coerce.number().int().min(0).default(120),
    requestsPerSecond: z.coerce.number().int().min(0).default(50),
    requestBurst: z.coerce.number().int().min(1).default(200),
    dataDir: z.string().min(1).default('./data'),
    apiRateBurst: z.coerce.number().int().min(1).max(1_000_000).default(120),
    apiRatePerSecond: z.coerce.number().min(0.01).max(1_000_000).default(20),
    callAnswerTimeoutMs: z.coerce.number().int().min(100).max(3_600_000).default(60_000), // calls (issue 12)
    // recording
    recordingsDir: z.string().min(1).optional(),
    ffmpegPath: z.string().min(1).default('ffmpeg'),
    recordingSecret: z.string().min(16, 'must be at least 16 characters').optional(),
    recordingUrlTtlSeconds: z.coerce.number().int().min(1).max(7 * 24 * 3600).default(3600),
    recordingsMinFreeMb: z.coerce.number().int().min(0).default(200),
    resumeGraceS: z.coerce.number().min(0).max(3600).default(20),
    wsPingIntervalMs: z.coerce.number().int().min(100).max(600_000).default(5000),
    wsPingTimeoutMs: z.coerce.number().int().min(100).max(600_000).default(10_000),
    shutdownReconnectMs: z.coerce.number().int().min(0).max(600_000).default(1000),
    dynacast: z.enum(['on', 'off']).default('on'),
    metricsToken: z.string().min(16, 'must be at least 16 characters').optional(),
    testDelayMs: z.coerce.number().int().min(0).max(600_000).default(0),
    testDelayFirstN: z.coerce.number().int().min(0).default(0),
    testDelayMethods: z
      .union([z.array(z.string()), z.string()])
      .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((m) => m.trim()).filter(Boolean))
      .default([]),
  })
  .refine((c) => c.testDelayMs === 0 || process.env.NODE_ENV === 'test', {
    message: 'is a test-only hook; it is refused unless NODE_ENV=test',
    path: ['testDelayMs'],
  })
  .refine((c) => c.rtcMinPort <= c.rtcMaxPort, {
    message: 'RTC_MIN_PORT must be <= RTC_MAX_PORT',
    path: ['rtcMinPort'],
  })
  .refine((c) => (c.dtlsCertificateFile === undefined) === (c.dtlsPrivateKeyFile === undefined), {
    message: 'set both DTLS_CERT_FILE and DTLS_KEY_FILE, or neither',
    path: ['dtlsCertificateFile'],
  })
  .refine((c) => [c.dtlsCertificateFile, c.dtlsPrivateKeyFile].every((f) => f === undefined || existsSync(f)), {
    message: 'file not found',
    path: ['dtlsCertificateFile'],
  });

const ENV_NAMES: Record<keyof Config, string> = {
  port: 'PORT',
  host: 'HOST',
  listenIp: 'LISTEN_IP',
  announcedIp: 'ANNOUNCED_IP',
  rtcMinPort: 'RTC_MIN_PORT',
  rtcMaxPort: 'RTC_MAX_PORT',
  maxParticipants: 'MAX_PARTICIPANTS',
  logLevel: 'LOG_LEVEL',
  numWorkers: 'NUM_WORKERS',
  staticDir: 'STATIC_DIR',
  dtlsCertificateFile: 'DTLS_CERT_FILE',
  dtlsPrivateKeyFile: 'DTLS_KEY_FILE',
  secret: 'CONF_KIT_SECRET',
  tokenMaxTtlSeconds: 'TOKEN_MAX_TTL',
  allowedOrigins: 'ALLOWED_ORIGINS',
  connectionsPerMinute: 'RATE_LIMIT_CONNECTIONS_PER_MINUTE',
  joinsPerMinute: 'RATE_LIMIT_JOINS_PER_MINUTE',
  requestsPerSecond: 'RATE_LIMIT_REQUESTS_PER_SECOND',
  requestBurst: 'RATE_LIMIT_REQUEST_BURST',
  dataDir: 'DATA_DIR',
  apiRateBurst: 'API_RATE_BURST',
  apiRatePerSecond: 'API_RATE_PER_SECOND',
  callAnswerTimeoutMs: 'CALL_ANSWER_TIMEOUT_MS', // calls (issue 12)
  recordingsDir: 'RECORDINGS_DIR',
  ffmpegPath: 'FFMPEG_PATH',
  recordingSecret: 'RECORDING_SECRET',
  recordingUrlTtlSeconds: 'RECORDING_URL_TTL',
  recordingsMinFreeMb: 'RECORDINGS_MIN_FREE_MB',
  resumeGraceS: 'RESUME_GRACE_S',
  wsPingIntervalMs: 'WS_PING_INTERVAL_MS',
  wsPingTimeoutMs: 'WS_PING_TIMEOUT_MS',
  shutdownReconnectMs: 'SHUTDOWN_RECONNECT_MS',
  dynacast: 'DYNACAST',
  metricsToken: 'METRICS_TOKEN',
  testDelayMs: 'CONF_KIT_TEST_DELAY_MS',
  testDelayFirstN: 'CONF_KIT_TEST_DELAY_FIRST_N',
  testDelayMethods: 'CONF_KIT_TEST_DELAY_METHODS',
};

/** Reads the raw (string) values of the environment; empty strings count as unset. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Partial<Record<keyof Config, string>> {
  const out: Partial<Record<keyof Config, string>> = {};
  for (const [key, name] of Object.entries(ENV_NAMES) as [keyof Config, string][]) {
    const value = env[name];
    if (value !== undefined && value.trim() !== '') out[key] = value.trim();
  }
  return out;
}

/**
 * The default listen IP: HOST when it is a concrete IP, otherwise loopback. (On loopback mediasoup
 * must listen on 127.0.0.1 with no announced IP; 0.0.0.0 + announced 127.0.0.1 fails.)
 */
function defaultListenIp(host: string): string {
  if (isIP(host) !== 0 && host !== '0.0.0.0' && host !== '::') return host;
  return '127.0.0.1';
}

/**
 * Builds a validated Config from the environment plus overrides (overrides win).
 * Throws ConfigError with a message naming the offending variable.
 */
export function loadConfig(overrides: Partial<Config> = {}, env: NodeJS.ProcessEnv = process.env): Config {
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
  const raw = { ...configFromEnv(env), ...defined };
  const parsed = ConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const key = issue.path[0] as keyof Config | undefined;
      const name = key && ENV_NAMES[key] ? `${ENV_NAMES[key]} (${key})` : 'config';
      return `${name}: ${issue.message}`;
    });
    throw new ConfigError(`invalid configuration: ${lines.join('; ')}`);
  }
  const c = parsed.data;
  return {
    port: c.port,
    host: c.host,
    listenIp: c.listenIp ?? defaultListenIp(c.host),
    announcedIp: c.announcedIp,
    rtcMinPort: c.rtcMinPort,
    rtcMaxPort: c.rtcMaxPort,
    maxParticipants: c.maxParticipants,
    logLevel: c.logLevel,
    numWorkers: c.numWorkers ?? Math.max(1, os.cpus().length),
    staticDir: c.staticDir === null ? null : path.resolve(c.staticDir ?? defaultDemoDir()),
    dtlsCertificateFile: c.dtlsCertificateFile,
    dtlsPrivateKeyFile: c.dtlsPrivateKeyFile,
    secret: c.secret,
    tokenMaxTtlSeconds: c.tokenMaxTtlSeconds,
    allowedOrigins: c.allowedOrigins,
    connectionsPerMinute: c.connectionsPerMinute,
    joinsPerMinute: c.joinsPerMinute,
    requestsPerSecond: c.requestsPerSecond,
    requestBurst: c.requestBurst,
    dataDir: path.resolve(c.dataDir),
    apiRateBurst: c.apiRateBurst,
    apiRatePerSecond: c.apiRatePerSecond,
    callAnswerTimeoutMs: c.callAnswerTimeoutMs, // calls (issue 12)
    recordingsDir: path.resolve(c.recordingsDir ?? path.join(c.dataDir, 'recordings')),
    ffmpegPath: c.ffmpegPath,
    recordingSecret: c.recordingSecret,
    recordingUrlTtlSeconds: c.recordingUrlTtlSeconds,
    recordingsMinFreeMb: c.recordingsMinFreeMb,
    resumeGraceS: c.resumeGraceS,
    wsPingIntervalMs: c.wsPingIntervalMs,
    wsPingTimeoutMs: c.wsPingTimeoutMs,
    shutdownReconnectMs: c.shutdownReconnectMs,
    dynacast: c.dynacast,
    metricsToken: c.metricsToken,
    testDelayMs: c.testDelayMs,
    testDelayFirstN: c.testDelayFirstN,
    testDelayMethods: c.testDelayMethods,
  };
}

export const DEFAULT_WORKER_BIN = '/usr/lib/x86_64-linux-gnu/mediasoup/mediasoup-worker';

/**
 * Finds the mediasoup-worker binary: MEDIASOUP_WORKER_BIN, else Debian's path.
 * Throws a ConfigError naming the fix when neither exists.
 */
export function resolveWorkerBin(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.MEDIASOUP_WORKER_BIN?.trim();
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new ConfigError(
      `mediasoup-worker not found at MEDIASOUP_WORKER_BIN=${fromEnv}; fix the path, or unset it and run \`npm run setup\` as root`,
    );
  }
  if (existsSync(DEFAULT_WORKER_BIN)) return DEFAULT_WORKER_BIN;
  throw new ConfigError(
    `mediasoup-worker not found (looked at ${DEFAULT_WORKER_BIN}); run \`npm run setup\` as root, or set MEDIASOUP_WORKER_BIN`,
  );
}

/**
 * Load bots, programmatic API (docs/bots.md). `startBots()` joins `count` bots to one room and
 * resolves once all of them are publishing; `stop()` makes them leave.
 *
 *   const bots = await startBots({ url: 'http://127.0.0.1:3000', room: 'r', count: 11 });
 *   ...
 *   await bots.stop();
 */
import { Bot } from './bot.js';
import { ensureAllBotMedia, type MediaOptions } from './media.js';
import { mintBotToken } from './tokens.js';
import type { IngestStats } from '../src/protocol/protocol.js';

export { Bot, botSsrcs } from './bot.js';
export { LAYERS, MEDIA, defaultCacheDir, ensureBotMedia } from './media.js';
export { TokensUnavailableError } from './tokens.js';

export interface StartBotsOptions extends MediaOptions {
  /** The server's base URL, e.g. http://127.0.0.1:3000. */
  url: string;
  room: string;
  count: number;
  /** User ids and names are `${prefix}-1` … (default `bot`). */
  prefix?: string;
  /** First index (default 1). */
  first?: number;
  /** Mints a token per bot with the ingest grant (needs server/auth/tokens.ts). */
  tokenSecret?: string;
  /** Progress and ffmpeg trouble; default: nothing. */
  log?: (line: string) => void;
}

export interface BotsHandle {
  readonly bots: readonly Bot[];
  /** Per bot: what mediasoup receives from it. */
  stats(): Promise<Map<string, IngestStats>>;
  /** The bots' ffmpeg process ids. */
  ffmpegPids(): number[];
  stop(): Promise<void>;
}

export const MAX_BOTS = 100;

export async function startBots(options: StartBotsOptions): Promise<BotsHandle> {
  const { url, room, count } = options;
  if (!/^https?:\/\/[^/]+/.test(url)) throw new TypeError(`url must be http(s)://host:port, got ${JSON.stringify(url)}`);
  if (!room || room.length > 128) throw new TypeError('room must be 1-128 characters');
  if (!Number.isInteger(count) || count < 1 || count > MAX_BOTS) throw new TypeError(`count must be an integer 1..${MAX_BOTS}, got ${count}`);
  const prefix = options.prefix ?? 'bot';
  const first = options.first ?? 1;
  const specs = Array.from({ length: count }, (_, i) => ({ index: first + i, label: `${prefix}-${first + i}` }));
  const log = options.log ?? (() => {});

  const files = await ensureAllBotMedia(specs, options);
  const bots: Bot[] = [];
  try {
    for (const [i, spec] of specs.entries()) {
      const token = options.tokenSecret
        ? await mintBotToken(options.tokenSecret, { userId: spec.label, name: spec.label, room })
        : undefined;
      const bot = new Bot({ url, room, index: spec.index, userId: spec.label, name: spec.label, file: files[i]!, token, ffmpeg: options.ffmpeg, log });
      bots.push(bot);
      await bot.start();
      log(`[${spec.label}] publishing`);
    }
  } catch (error) {
    await Promise.all(bots.map((b) => b.stop()));
    throw error;
  }

  return {
    bots,
    async stats() {
      const out = new Map<string, IngestStats>();
      for (const bot of bots) out.set(bot.userId, await bot.stats());
      return out;
    },
    ffmpegPids: () => bots.map((b) => b.ffmpegPid).filter((p): p is number => p !== null),
    stop: async () => {
      await Promise.all(bots.map((b) => b.stop()));
    },
  };
}

/**
 * `npm run bots -- --url http://127.0.0.1:3000 --room R --count 11 [--token-secret S]`
 * (docs/bots.md). Runs until SIGINT or SIGTERM, then the bots leave cleanly.
 */
import { parseArgs } from 'node:util';
import { MAX_BOTS, startBots } from './index.js';

const USAGE = `usage: npm run bots -- --room ROOM [--url http://127.0.0.1:3000] [--count 11] [--prefix bot]
                        [--token-secret SECRET] [--cache-dir DIR] [--ffmpeg PATH]`;

function fail(message: string): never {
  console.error(`bots: ${message}\n${USAGE}`);
  process.exit(2);
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        url: { type: 'string', default: 'http://127.0.0.1:3000' },
        room: { type: 'string' },
        count: { type: 'string', default: '11' },
        prefix: { type: 'string', default: 'bot' },
        'token-secret': { type: 'string' },
        'cache-dir': { type: 'string' },
        ffmpeg: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (error) {
    fail((error as Error).message);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (!values.room) fail('--room is required');
  const count = Number(values.count);
  if (!Number.isInteger(count) || count < 1 || count > MAX_BOTS) fail(`--count must be an integer 1..${MAX_BOTS}`);
  const tokenSecret = values['token-secret'] ?? process.env.CONF_KIT_TOKEN_SECRET;

  const started = Date.now();
  console.log(`bots: preparing media and joining ${count} bots to ${values.room} at ${values.url}`);
  const bots = await startBots({
    url: values.url,
    room: values.room,
    count,
    prefix: values.prefix,
    tokenSecret,
    cacheDir: values['cache-dir'],
    ffmpeg: values.ffmpeg,
    log: (line) => console.log(line),
  });
  console.log(`bots: ${count} publishing after ${((Date.now() - started) / 1000).toFixed(1)} s; Ctrl+C to stop`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`bots: ${signal}, leaving`);
    await bots.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(`bots: ${(error as Error).message}`);
  process.exit(1);
});

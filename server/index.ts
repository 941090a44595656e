#!/usr/bin/env node
/**
 * CLI entry, the `conf-kit-server` bin: `npx conf-kit-server [--demo[=DIR]]`, or
 * `node server/dist/server/index.js` (or `tsx server/index.ts`) in the repository.
 * Reads config from the environment, starts the server, and shuts down on SIGINT/SIGTERM.
 * The library entry (startConfServer, loadConfig) is server/main.ts.
 */
import path from 'node:path';
import { startConfServer } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { createLogger } from './logger.js';

const USAGE = `usage: conf-kit-server [--demo[=DIR]]

Starts the conf-kit SFU (HTTP /healthz and the signalling WebSocket at /ws).
  --demo         also serve the built demo: STATIC_DIR, else dist/demo of the conf-kit repository
  --demo=DIR     also serve the static files of DIR
  -h, --help     print this help
Configuration comes from the environment (PORT, HOST, ANNOUNCED_IP, ...; see docs/protocol.md).
`;

/** Parses the command line into config overrides; exits with usage on a bad argument. */
function parseArgs(argv: string[]): Pick<Partial<Config>, 'staticDir'> {
  let staticDir: string | null | undefined = null;
  for (const arg of argv) {
    if (arg === '-h' || arg === '--help') {
      process.stdout.write(USAGE);
      process.exit(0);
    } else if (arg === '--demo') {
      staticDir = undefined; // STATIC_DIR, else the repository's dist/demo
    } else if (arg.startsWith('--demo=') && arg.length > '--demo='.length) {
      staticDir = path.resolve(arg.slice('--demo='.length));
    } else {
      process.stderr.write(`conf-kit-server: unknown argument ${JSON.stringify(arg)}\n\n${USAGE}`);
      process.exit(2);
    }
  }
  return { staticDir };
}

async function main(): Promise<void> {
  let config;
  try {
    const overrides = parseArgs(process.argv.slice(2));
    config = loadConfig(overrides);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`conf-kit: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);

  let server: Awaited<ReturnType<typeof startConfServer>> | undefined;
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping || !server) {
      // A second signal, or one before the server is up: exit now (workers exit with us).
      logger.warn({ signal }, 'exiting now');
      process.exit(server ? 1 : 0);
    }
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      logger.warn('shutdown took too long; exiting');
      process.exit(1);
    }, 5000);
    force.unref();
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'error during shutdown');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  try {
    server = await startConfServer(config);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`conf-kit: ${error.message}\n`);
    } else {
      logger.fatal({ err: error }, 'conf-kit failed to start');
      process.stderr.write(`conf-kit: failed to start: ${(error as Error)?.message ?? String(error)}\n`);
    }
    process.exit(1);
  }
  logger.info(
    { url: server.url, port: server.port, listenIp: config.listenIp, announcedIp: config.announcedIp, demo: config.staticDir },
    `conf-kit listening on ${server.url}`,
  );
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection'));
}

void main();

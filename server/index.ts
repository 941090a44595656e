/**
 * CLI entry: `node dist/server-build/server/index.js` (or `tsx server/index.ts`).
 * Reads config from the environment, starts the server, and shuts down on SIGINT/SIGTERM.
 */
import { startConfServer } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
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
    { url: server.url, port: server.port, listenIp: config.listenIp, announcedIp: config.announcedIp },
    `conf-kit listening on ${server.url}`,
  );
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection'));
}

void main();

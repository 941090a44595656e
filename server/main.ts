/**
 * The library entry of the `conf-kit-server` package: `import { startConfServer } from 'conf-kit-server'`.
 * The CLI (the `conf-kit-server` bin) is server/index.ts.
 */
export { startConfServer, type ConfServer } from './app.js';
export { ConfigError, loadConfig, resolveWorkerBin, type Config, type LogLevel } from './config.js';
export { createToken, verifyToken, type CreateTokenClaims, type Grants, type Identity } from './auth/tokens.js';

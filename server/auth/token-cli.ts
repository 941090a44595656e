#!/usr/bin/env node
/**
 * Mints a join token: `npm run token -- --user ada --room standup [--name "Ada"] [--admin]
 * [--record] [--listen-only] [--ttl 2h]`. Reads CONF_KIT_SECRET; prints the token on stdout.
 */
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { MIN_SECRET_LENGTH, createToken, parseDuration, type CreateTokenClaims } from './tokens.js';

const USAGE = `usage: npm run token -- --user <id> [--room <id>|*] [--name <name>] [--admin] [--record] [--listen-only] [--ttl 2h]
  CONF_KIT_SECRET must be set (the server's secret, at least ${MIN_SECRET_LENGTH} characters).
  --room defaults to * (any room); --ttl defaults to 1h (s, m, h, d or plain seconds).`;

export class UsageError extends Error {
  override name = 'UsageError';
}

/** Parses argv (without node and script) into token claims. Throws UsageError. */
export function claimsFromArgs(argv: string[]): CreateTokenClaims {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        user: { type: 'string' },
        room: { type: 'string' },
        name: { type: 'string' },
        admin: { type: 'boolean' },
        record: { type: 'boolean' },
        'listen-only': { type: 'boolean' },
        ttl: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) throw new UsageError('');
  if (!values.user) throw new UsageError('--user is required');
  const ttlSeconds = values.ttl === undefined ? undefined : parseDuration(values.ttl);
  if (ttlSeconds === null) throw new UsageError(`--ttl ${JSON.stringify(values.ttl)} is not a duration (try 90m or 2h)`);
  return {
    sub: values.user,
    ...(values.name !== undefined ? { name: values.name } : {}),
    room: values.room ?? '*',
    grants: {
      ...(values.admin ? { admin: true } : {}),
      ...(values.record ? { record: true } : {}),
      ...(values['listen-only'] ? { publish: false } : {}),
    },
    ...(ttlSeconds !== undefined ? { ttlSeconds } : {}),
  };
}

export async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  let claims: CreateTokenClaims;
  try {
    claims = claimsFromArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    if (error.message) process.stderr.write(`token: ${error.message}\n`);
    process.stderr.write(`${USAGE}\n`);
    return error.message ? 2 : 0;
  }
  const secret = env.CONF_KIT_SECRET?.trim();
  if (!secret || secret.length < MIN_SECRET_LENGTH) {
    process.stderr.write(`token: set CONF_KIT_SECRET (at least ${MIN_SECRET_LENGTH} characters) to the server's secret\n`);
    return 2;
  }
  try {
    process.stdout.write(`${await createToken(secret, claims)}\n`);
  } catch (error) {
    process.stderr.write(`token: ${(error as Error).message}\n`);
    return 2;
  }
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2), process.env).then((code) => process.exit(code));
}

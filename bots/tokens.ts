/**
 * `--token-secret`: mints one join token per bot with the `ingest` grant.
 *
 * ACCESS-CONTROL MERGE POINT: `createToken` comes from server/auth/tokens.ts (the shared auth
 * contract). It is imported at run time, so the bots still build and run without it; asking for
 * tokens before that module exists is a clear error.
 */
export interface CreateTokenClaims {
  sub: string;
  name?: string;
  room?: string;
  grants?: Partial<{ publish: boolean | string[]; subscribe: boolean; record: boolean; admin: boolean; ingest: boolean }>;
  ttlSeconds?: number;
}
type CreateToken = (secret: string, claims: CreateTokenClaims) => Promise<string>;

export class TokensUnavailableError extends Error {
  override name = 'TokensUnavailableError';
}

const TOKENS_MODULE = '../server/auth/tokens.js';

export async function loadCreateToken(specifier = TOKENS_MODULE): Promise<CreateToken> {
  let mod: { createToken?: unknown };
  try {
    mod = (await import(new URL(specifier, import.meta.url).href)) as { createToken?: unknown };
  } catch (error) {
    throw new TokensUnavailableError(
      `--token-secret needs server/auth/tokens.ts (access control), which could not be loaded: ${(error as Error).message}`,
    );
  }
  if (typeof mod.createToken !== 'function') throw new TokensUnavailableError('server/auth/tokens.ts does not export createToken');
  return mod.createToken as CreateToken;
}

/** A token for one bot: its own user, one room, publish mic+camera, ingest; no subscribing. */
export async function mintBotToken(secret: string, bot: { userId: string; name: string; room: string }, ttlSeconds = 24 * 3600): Promise<string> {
  const createToken = await loadCreateToken();
  return createToken(secret, {
    sub: bot.userId,
    name: bot.name,
    room: bot.room,
    grants: { publish: ['mic', 'camera'], subscribe: false, ingest: true },
    ttlSeconds,
  });
}

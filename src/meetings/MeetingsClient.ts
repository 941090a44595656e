/**
 * A typed client of the meetings REST API (docs/meetings.md) over `fetch`, with
 * `Authorization: Bearer <token>`. Every failure is a ConferenceError: the server's
 * `{error: {code, message}}` keeps its code (`unauthorized`, `forbidden`, `not-found`,
 * `invalid-params`, `too-large`, `rate-limited`); no answer is `server-unreachable`.
 */
import { ConferenceError } from '../errors.js';
import type { ConferenceErrorCode } from '../state/types.js';
import type { Meeting, MeetingCreate, MeetingFields, MeetingList, MeetingListQuery, MeetingPatch, MeetingsApi } from './types.js';

import type { TokenSource } from '../session/auth.js';
export type { TokenSource };

export interface MeetingsClientOptions {
  /** The server's http(s) base URL (ws(s) URLs are turned into http(s)); path and query are ignored. */
  url: string;
  /** The bearer token, or a function giving one per request. Needed for every call but guest/dev tokens. */
  token?: TokenSource;
  /** fetch implementation (default: the global one). */
  fetch?: typeof fetch;
}

const API_CODES: ReadonlySet<string> = new Set(['unauthorized', 'forbidden', 'not-found', 'invalid-params', 'too-large', 'rate-limited', 'internal']);

/** The origin of `url` as http(s). */
export function apiBase(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConferenceError('invalid-params', `url: not an absolute URL: ${url}`);
  }
  const protocol = parsed.protocol === 'wss:' ? 'https:' : parsed.protocol === 'ws:' ? 'http:' : parsed.protocol;
  if (protocol !== 'http:' && protocol !== 'https:') throw new ConferenceError('invalid-params', `url: needs http(s) or ws(s): ${url}`);
  return `${protocol}//${parsed.host}`;
}

/** `startDate[gte]=…` style query of a list request. */
export function listQueryString(query: MeetingListQuery = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (typeof value === 'object') {
      for (const [op, n] of Object.entries(value as Record<string, number | undefined>)) if (n !== undefined) params.append(`${key}[${op}]`, String(n));
    } else params.append(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

const checkId = (id: string) => {
  if (typeof id !== 'string' || id.length === 0) throw new ConferenceError('invalid-params', 'id: must be a non-empty string');
  return encodeURIComponent(id);
};

export class MeetingsClient implements MeetingsApi {
  readonly baseUrl: string;
  readonly #token: TokenSource | undefined;
  readonly #fetch: typeof fetch;

  constructor(options: MeetingsClientOptions) {
    this.baseUrl = apiBase(options.url);
    this.#token = options.token;
    this.#fetch = options.fetch ?? ((...args) => globalThis.fetch(...args));
  }

  async create(fields: MeetingCreate = {}): Promise<Meeting> {
    return this.#request('POST', '/api/meetings', fields);
  }

  async get(id: string): Promise<Meeting> {
    return this.#request('GET', `/api/meetings/${checkId(id)}`);
  }

  async list(query: MeetingListQuery = {}): Promise<MeetingList> {
    return this.#request('GET', `/api/meetings${listQueryString(query)}`);
  }

  async update(id: string, fields: MeetingFields): Promise<Meeting> {
    return this.#request('PUT', `/api/meetings/${checkId(id)}`, fields);
  }

  async patch(id: string, fields: MeetingPatch): Promise<Meeting> {
    return this.#request('PATCH', `/api/meetings/${checkId(id)}`, fields);
  }

  async delete(id: string): Promise<void> {
    await this.#request('DELETE', `/api/meetings/${checkId(id)}`);
  }

  /** A guest token for a public meeting (no bearer token needed); `forbidden` for a private one. */
  async guestToken(id: string, name: string): Promise<string> {
    const { token } = await this.#request<{ token: string }>('POST', `/api/meetings/${checkId(id)}/guest`, { name }, false);
    return token;
  }

  /** Open mode only: a token for any user (`not-found` on a secure server). */
  async devToken(userId: string, name: string): Promise<string> {
    const { token } = await this.#request<{ token: string }>('POST', '/api/dev-token', { userId, name }, false);
    return token;
  }

  async #request<T>(method: string, path: string, body?: unknown, auth = true): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (auth && this.#token !== undefined) {
      const token = typeof this.#token === 'function' ? await this.#token() : this.#token;
      if (token) headers.authorization = `Bearer ${token}`;
    }
    let res: Response;
    try {
      res = await this.#fetch(`${this.baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (error) {
      throw new ConferenceError('server-unreachable', `${method} ${path}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    if (res.status === 204) return undefined as T;
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    if (res.ok) {
      if (json === undefined) throw new ConferenceError('internal', `${method} ${path}: the server answered ${res.status} without JSON`);
      return json as T;
    }
    const error = (json as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
    const code = typeof error?.code === 'string' && API_CODES.has(error.code) ? (error.code as ConferenceErrorCode) : 'internal';
    const message = typeof error?.message === 'string' ? error.message : `${method} ${path}: HTTP ${res.status}`;
    throw Object.assign(new ConferenceError(code, message), { status: res.status });
  }
}

/** The `sub` of a JWT, read without verifying it (the server verifies). Undefined when unreadable. */
export function tokenSubject(token: string): string | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const sub = (JSON.parse(json) as { sub?: unknown }).sub;
    return typeof sub === 'string' ? sub : undefined;
  } catch {
    return undefined;
  }
}

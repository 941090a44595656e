/**
 * Helpers for the meetings e2e tests: the built server as its own process (like harness.ts,
 * plus `kill -9`), a temp DATA_DIR, and a small JSON client.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createToken } from '../../server/auth/tokens.js';
import { freePort, SERVER_BIN } from './harness.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
export const SECRET = 'meetings-e2e-secret-0123456789abcdef';

export const tempDataDir = () => mkdtempSync(path.join(os.tmpdir(), 'conf-kit-meetings-e2e-'));

export interface MeetingsServer {
  url: string;
  child: ChildProcess;
  logs: () => string;
  /** SIGTERM, then SIGKILL after 5 s. */
  stop(): Promise<void>;
  /** `kill -9`: no shutdown code runs. */
  kill9(): Promise<void>;
}

export async function spawnServer(env: Record<string, string>): Promise<MeetingsServer> {
  const port = await freePort();
  let out = '';
  const child = spawn(process.execPath, [SERVER_BIN], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', NUM_WORKERS: '1', API_RATE_BURST: '1000000', API_RATE_PER_SECOND: '1000000', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${out}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      /* not yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not start in time:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const exited = new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
  return {
    url,
    child,
    logs: () => out,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }
      await exited;
    },
    kill9: async () => {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

export const tokenFor = (sub: string, extra: { name?: string; room?: string } = {}) => createToken(SECRET, { sub, ...extra });

export interface ApiResult<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** One JSON request; `token` null sends no Authorization header. */
export async function api<T = any>(base: string, method: string, p: string, token: string | null, body?: unknown): Promise<ApiResult<T>> {
  const headers: Record<string, string> = {};
  if (token !== null) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(base + p, { method, headers, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
}

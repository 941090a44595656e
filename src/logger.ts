/**
 * A tiny `debug`-style namespaced logger. Quiet by default. Enable it with
 * `localStorage.debug = 'conf-kit*'` (any value containing `conf-kit`, or `*`), or with
 * `globalThis.CONF_KIT_DEBUG = true` (or a string: a namespace prefix such as 'conf-kit:session').
 */

export interface Logger {
  readonly namespace: string;
  debug(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
}

let cachedAt = -Infinity;
let cachedSetting: string | boolean = false;

/** Reads the debug setting, at most once a second (localStorage access is synchronous). */
function readSetting(): string | boolean {
  const now = Date.now();
  if (now - cachedAt < 1000) return cachedSetting;
  cachedAt = now;
  const flag = (globalThis as { CONF_KIT_DEBUG?: unknown }).CONF_KIT_DEBUG;
  if (flag) {
    cachedSetting = typeof flag === 'string' ? flag : true;
    return cachedSetting;
  }
  try {
    cachedSetting = (globalThis as { localStorage?: Storage }).localStorage?.getItem('debug') ?? false;
  } catch {
    cachedSetting = false;
  }
  return cachedSetting;
}

/** Whether logging is enabled for `namespace` right now. */
export function isLogEnabled(namespace: string): boolean {
  const setting = readSetting();
  if (setting === true) return true;
  if (!setting) return false;
  return setting.split(/[\s,]+/).some((pattern) => {
    if (pattern === '*') return true;
    if (!pattern.includes('conf-kit')) return false;
    const prefix = pattern.replace(/\*+$/, '');
    // 'conf-kit', 'conf-kit*' and 'conf-kit:*' enable everything; 'conf-kit:session' one namespace.
    return prefix === 'conf-kit' || prefix === 'conf-kit:' || namespace.startsWith(prefix);
  });
}

export function createLogger(namespace: string): Logger {
  const write = (method: 'debug' | 'warn' | 'error', args: unknown[]) => {
    if (!isLogEnabled(namespace)) return;
    // eslint-disable-next-line no-console
    console[method](`%c${namespace}`, 'color:#6a5acd;font-weight:bold', ...args);
  };
  return {
    namespace,
    debug: (...args) => write('debug', args),
    warn: (...args) => write('warn', args),
    error: (...args) => write('error', args),
  };
}

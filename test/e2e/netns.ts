/**
 * Real network impairment for e2e tests (docs/testing.md#network-namespaces): a Linux network
 * namespace joined to the host by a veth pair, a Chromium that runs inside it, and `tc tbf` rate
 * limits or a link cut on that path. Needs root and iproute2 (`ip netns`, veth, `tc` with tbf);
 * `netem` does not exist on these kernels, so there is no delay/loss emulation, only rate limits
 * (which, with a short tbf queue, drop what does not fit) and cuts.
 *
 *   host  ── <hostIf> 10.200.N.1/30 ══ veth ══ 10.200.N.2/30 <nsIf> ──  namespace <name>
 *
 * Traffic only ever goes between the host and the namespace (no default route is set in it).
 * The server listens on the host side address (`hostIp`), which the host's own browsers reach
 * too (it is a local address), so one announced ICE address serves both.
 *
 * Every namespace gets a unique name (`<label>-<pid>-<n>`) and subnet; `destroy()` (call it in an
 * `after` hook) removes both and is safe to call twice; namespaces left by a killed run (its pid
 * gone) are removed by the next `createNetNs`. A failure to set up throws with the command's output: a test
 * that needs a namespace must fail loudly when `ip netns` is unusable, never pass without it.
 */
import { execFile } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM, chromiumArgs } from './harness.js';

const exec = promisify(execFile);

/** Runs one command; throws with its stderr (and a hint when we are not root). */
export async function sh(cmd: string, ...args: string[]): Promise<string> {
  try {
    const { stdout } = await exec(cmd, args, { timeout: 15_000 });
    return stdout;
  } catch (error) {
    const e = error as { stderr?: string; message: string };
    const root = typeof process.getuid === 'function' && process.getuid() === 0;
    throw new Error(`netns: \`${cmd} ${args.join(' ')}\` failed: ${(e.stderr || e.message).trim()}${root ? '' : ' (these tests need root)'}`);
  }
}

/** Which way a rate limit applies, seen from the browser in the namespace. */
export type Direction = 'downlink' | 'uplink';

export interface NetNs {
  /** The namespace's name (`ip netns exec <name> ...`). */
  readonly name: string;
  /** The host side address: the server listens here. */
  readonly hostIp: string;
  /** The namespace side address. */
  readonly nsIp: string;
  readonly hostIf: string;
  readonly nsIf: string;
  /** Cuts the path (the namespace's side of the veth goes down; the host's address stays usable locally). */
  linkDown(): Promise<void>;
  linkUp(): Promise<void>;
  /**
   * Limits one direction to `kbit` with tbf (`tc qdisc replace`): `downlink` shapes the host
   * side's egress (what the namespaced browser receives), `uplink` the namespace side's egress
   * (what it sends). The queue is short (`latencyMs`, default 50 ms), so excess is dropped.
   */
  setRate(direction: Direction, kbit: number, latencyMs?: number): Promise<void>;
  /** Removes the rate limit of one direction (or both). */
  clear(direction?: Direction): Promise<void>;
  /**
   * Black-holes UDP both ways while TCP (the signalling WebSocket) still flows: an htb root with a
   * u32 filter sending IP protocol 17 to a class of 8 bit/s (these kernels have no tc actions, so
   * no `action drop`). Replaces any rate limit; `clear()` ends it (what was queued is dropped).
   */
  blockUdp(): Promise<void>;
  /** `tc -s qdisc` of one direction (for failure messages: bytes sent, drops). */
  qdiscStats(direction: Direction): Promise<string>;
  /** Launches Chromium (the harness's flags) inside the namespace, over playwright's pipe. */
  launchBrowser(extraArgs?: string[]): Promise<Browser>;
  /** Removes the namespace, the veth pair and the launcher script. Idempotent. */
  destroy(): Promise<void>;
}

let counter = 0;

/** A /30 in 10.200.0.0/16 that no interface on the host uses yet. */
async function freeSubnet(): Promise<number> {
  const used = await sh('ip', '-o', '-4', 'addr', 'show');
  for (let tries = 0; tries < 50; tries++) {
    const n = 1 + Math.floor(Math.random() * 250);
    if (!used.includes(`10.200.${n}.`)) return n;
  }
  throw new Error('netns: no free 10.200.N.0/30 subnet');
}

const NAME = /^(ck[a-z]*)-([0-9a-z]+)-[0-9a-z]+$/;

/**
 * Deletes namespaces this helper made in test processes that no longer exist (a run killed
 * before its `after` hook). Namespaces of live processes (a parallel run) are left alone.
 */
async function sweepStale(): Promise<void> {
  const list = await exec('ip', ['netns', 'list']).then((r) => r.stdout, () => '');
  for (const line of list.split('\n')) {
    const name = line.split(' ')[0] ?? '';
    const match = NAME.exec(name);
    if (!match) continue;
    const pid = parseInt(match[2]!, 36);
    try {
      process.kill(pid, 0);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ESRCH') await exec('ip', ['netns', 'del', name]).catch(() => undefined);
    }
  }
}

/** Creates the namespace and the veth pair, addressed and up (loopback up inside too). */
export async function createNetNs(label = 'ck'): Promise<NetNs> {
  if (!/^ck[a-z]*$/.test(label)) throw new RangeError(`netns: label must be "ck" plus letters, got ${JSON.stringify(label)}`);
  await sweepStale();
  const pid = process.pid.toString(36);
  const unique = `${(counter++).toString(36)}${Math.random().toString(36).slice(2, 5)}`;
  const id = `${pid}${unique}`;
  const name = `${label}-${pid}-${unique}`;
  // Interface names are at most 15 characters.
  const hostIf = `ckh${id}`.slice(0, 15);
  const nsIf = `ckn${id}`.slice(0, 15);
  const n = await freeSubnet();
  const hostIp = `10.200.${n}.1`;
  const nsIp = `10.200.${n}.2`;
  let dir: string | null = null;
  let destroyed = false;

  const destroy = async () => {
    if (destroyed) return;
    destroyed = true;
    // Deleting the namespace deletes its veth end and with it the peer; delete the host end too
    // in case the namespace was never made (ignore "does not exist").
    await exec('ip', ['netns', 'del', name]).catch(() => undefined);
    await exec('ip', ['link', 'del', hostIf]).catch(() => undefined);
    if (dir) await rm(dir, { recursive: true, force: true }).catch(() => undefined);
  };

  try {
    await sh('ip', 'netns', 'add', name);
    await sh('ip', 'link', 'add', hostIf, 'type', 'veth', 'peer', 'name', nsIf);
    await sh('ip', 'link', 'set', nsIf, 'netns', name);
    await sh('ip', 'addr', 'add', `${hostIp}/30`, 'dev', hostIf);
    await sh('ip', 'link', 'set', hostIf, 'up');
    await sh('ip', '-n', name, 'addr', 'add', `${nsIp}/30`, 'dev', nsIf);
    await sh('ip', '-n', name, 'link', 'set', nsIf, 'up');
    await sh('ip', '-n', name, 'link', 'set', 'lo', 'up');
    // playwright launches this instead of Chromium: same arguments and pipes, in the namespace.
    dir = await mkdtemp(path.join(tmpdir(), 'conf-kit-netns-'));
    const launcher = path.join(dir, 'chromium-in-netns.sh');
    await writeFile(launcher, `#!/bin/sh\nexec ip netns exec '${name}' '${CHROMIUM}' "$@"\n`);
    await chmod(launcher, 0o755);
    /** `tc [-n NS] <object> <verb> dev <if> <rest...>` for one direction. */
    const tcArgs = (direction: Direction, object: string, verb: string, ...rest: string[]) =>
      direction === 'downlink' ? [object, verb, 'dev', hostIf, ...rest] : ['-n', name, object, verb, 'dev', nsIf, ...rest];

    const ns: NetNs = {
      name,
      hostIp,
      nsIp,
      hostIf,
      nsIf,
      linkDown: async () => void (await sh('ip', '-n', name, 'link', 'set', nsIf, 'down')),
      linkUp: async () => void (await sh('ip', '-n', name, 'link', 'set', nsIf, 'up')),
      async setRate(direction, kbit, latencyMs = 50) {
        if (!Number.isFinite(kbit) || kbit <= 0) throw new RangeError(`netns: rate must be a positive number of kbit, got ${kbit}`);
        // burst: at least one MTU-sized packet plus some, or tbf cannot send at all.
        await sh('tc', ...tcArgs(direction, 'qdisc', 'replace', 'root', 'tbf', 'rate', `${kbit}kbit`, 'burst', '6kb', 'latency', `${latencyMs}ms`));
      },
      async clear(direction) {
        for (const d of direction ? [direction] : (['downlink', 'uplink'] as const)) {
          // "Cannot delete qdisc with handle of zero" when there is none: fine.
          await exec('tc', tcArgs(d, 'qdisc', 'del', 'root')).catch(() => undefined);
        }
      },
      async blockUdp() {
        for (const d of ['downlink', 'uplink'] as const) {
          await exec('tc', tcArgs(d, 'qdisc', 'del', 'root')).catch(() => undefined);
          await sh('tc', ...tcArgs(d, 'qdisc', 'add', 'root', 'handle', '1:', 'htb', 'default', '10'));
          await sh('tc', ...tcArgs(d, 'class', 'add', 'parent', '1:', 'classid', '1:10', 'htb', 'rate', '1gbit'));
          await sh('tc', ...tcArgs(d, 'class', 'add', 'parent', '1:', 'classid', '1:20', 'htb', 'rate', '8bit', 'ceil', '8bit'));
          await sh('tc', ...tcArgs(d, 'filter', 'add', 'parent', '1:', 'protocol', 'ip', 'prio', '1', 'u32', 'match', 'ip', 'protocol', '17', '0xff', 'flowid', '1:20'));
        }
      },
      qdiscStats: (direction) => sh('tc', '-s', ...tcArgs(direction, 'qdisc', 'show')),
      launchBrowser: (extraArgs = []) => chromium.launch({ executablePath: launcher, headless: true, args: [...chromiumArgs(), ...extraArgs] }),
      destroy,
    };
    return ns;
  } catch (error) {
    await destroy();
    throw error;
  }
}

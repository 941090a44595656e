/**
 * CPU time of a process tree from /proc (Linux): each process's utime + stime, grouped by what it
 * is (a Chromium `--type=`, `node`, `mediasoup-worker`, ...). Used by bench/room.ts, which takes
 * two readings and divides the difference by the wall time (percent of one core).
 *
 * Why not CDP `SystemInfo.getProcessInfo`: its `cpuTime` of renderer processes is only refreshed
 * by Chromium's process metrics sampler, so two readings a few seconds apart can report the same
 * (or a stale) value; /proc is exact to the clock tick and also sees the server's processes.
 */
import { readFileSync, readdirSync } from 'node:fs';

const TICK = 100; // USER_HZ on Linux (getconf CLK_TCK)

/** Seconds of CPU (user + system) used so far by `pid`, or 0 when it is gone. */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After "pid (comm) ": state is field 3, utime 14, stime 15 (1-based) -> indexes 11, 12.
    return (Number(fields[11]) + Number(fields[12])) / TICK;
  } catch {
    return 0;
  }
}

function parentOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return -1;
  }
}

/** `pid` and all its descendants. */
export function processTree(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const child = Number(name);
    const parent = parentOf(child);
    if (!children.has(parent)) children.set(parent, []);
    children.get(parent)!.push(child);
  }
  const out: number[] = [];
  const queue = [pid];
  while (queue.length) {
    const next = queue.shift()!;
    out.push(next);
    queue.push(...(children.get(next) ?? []));
  }
  return out;
}

/** What a process is: Chromium's `--type=` (renderer, gpu-process, utility, zygote), or its executable name. */
export function kindOf(pid: number): string {
  try {
    // Chromium's zygote children rewrite their command line into one space-separated string.
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    const type = /(?:^|[\s\0])--type=([^\s\0]+)/.exec(cmdline)?.[1];
    if (type) {
      const sub = /--utility-sub-type=([^\s\0]+)/.exec(cmdline)?.[1]?.split('.').pop();
      return sub ? `${type}:${sub}` : type;
    }
    const exe = (cmdline.split('\0')[0] ?? '').split(' ')[0]!.split('/').pop() ?? '';
    return /chrom/i.test(exe) ? 'browser' : exe || 'unknown';
  } catch {
    return 'gone';
  }
}

/** CPU seconds so far per process of the tree under `root`. */
export function treeCpu(root: number): Map<number, { kind: string; seconds: number }> {
  const out = new Map<number, { kind: string; seconds: number }>();
  for (const pid of processTree(root)) out.set(pid, { kind: kindOf(pid), seconds: cpuSeconds(pid) });
  return out;
}

/**
 * Percent of one core per kind between two `treeCpu` readings `wall` seconds apart. A process that
 * started in between counts from 0; one that ended in between is left out (its time is unknown).
 */
export function cpuPercentByKind(
  before: Map<number, { kind: string; seconds: number }>,
  after: Map<number, { kind: string; seconds: number }>,
  wall: number,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [pid, { kind, seconds }] of after) {
    const used = seconds - (before.get(pid)?.seconds ?? 0);
    out[kind] = (out[kind] ?? 0) + (used / wall) * 100;
  }
  return out;
}

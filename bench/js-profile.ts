/**
 * Self time per function from a CDP `Profiler.stop()` profile (V8 CPU profile): used by
 * `BENCH_PROFILE=1 npm run bench:room` to print the hottest JavaScript of the page.
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
  startTime: number;
  endTime: number;
}

/** Maps a position in a built file (0-based line and column) to its source, through `dir`/<file>.map. */
export type SourceMapper = (file: string, line: number, column: number) => string | null;

/** A mapper over the sourcemaps next to the built files in `dir` (dist/demo/assets). */
export async function sourceMapper(dir: string): Promise<SourceMapper> {
  const { readFileSync, existsSync } = await import('node:fs');
  const { TraceMap, originalPositionFor } = await import('@jridgewell/trace-mapping');
  const maps = new Map<string, InstanceType<typeof TraceMap> | null>();
  return (file, line, column) => {
    if (!maps.has(file)) {
      const path = `${dir}/${file}.map`;
      maps.set(file, existsSync(path) ? new TraceMap(readFileSync(path, 'utf8')) : null);
    }
    const map = maps.get(file);
    if (!map) return null;
    const pos = originalPositionFor(map, { line: line + 1, column });
    return pos.source ? `${pos.name ?? ''} ${pos.source.replace(/^(\.\.\/)+/, '')}:${pos.line}`.trim() : null;
  };
}

/** The `top` functions by self time (ms), idle and program/GC buckets included under their names. */
export function selfTimes(profile: CpuProfile, top = 20, map?: SourceMapper): { name: string; selfMs: number }[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, ProfileNode>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n);
  const self = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const node = byId.get(samples[i]!);
    if (!node) continue;
    const f = node.callFrame;
    const file = f.url.split('/').pop()?.split('?')[0] ?? '';
    const mapped = file && map ? map(file, f.lineNumber, f.columnNumber) : null;
    const name = mapped ? `${f.functionName || '(anonymous)'} ${mapped}` : `${f.functionName || '(anonymous)'} ${file ? `${file}:${f.lineNumber + 1}:${f.columnNumber + 1}` : ''}`.trim();
    // A sample's time is the delta to the next sample.
    const ms = (deltas[i + 1] ?? 0) / 1000;
    self.set(name, (self.get(name) ?? 0) + ms);
    // Native functions (no file) are named after their JavaScript caller too, so they can be traced.
    if (!file) {
      let up = parent.get(node.id);
      while (up && !up.callFrame.url) up = parent.get(up.id);
      if (up) {
        const uf = up.callFrame;
        const ufile = uf.url.split('/').pop()?.split('?')[0] ?? '';
        const where = (map && map(ufile, uf.lineNumber, uf.columnNumber)) ?? `${ufile}:${uf.lineNumber + 1}`;
        const key = `  ${name} <- ${uf.functionName || '(anonymous)'} ${where}`;
        self.set(key, (self.get(key) ?? 0) + ms);
      }
    }
  }
  return [...self.entries()]
    .map(([name, selfMs]) => ({ name, selfMs }))
    .sort((a, b) => b.selfMs - a.selfMs)
    .slice(0, top);
}

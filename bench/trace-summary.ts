/**
 * Self time per trace event name on the page's main thread (CrRendererMain), from a Chromium trace
 * (`browser.startTracing` / `stopTracing`, devtools.timeline categories): used by
 * `BENCH_TRACE=1 bench/room.ts` to tell what the "(program)" bucket of a JS profile is made of
 * (style, layout, paint, video frame work, stats, timers).
 */
interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { functionName?: string; url?: string; type?: string } };
}

export interface TraceSummary {
  /** Total wall time (ms) of top-level tasks on the main thread. */
  busyMs: number;
  /** By event name: self ms (time not covered by a nested event) and count. */
  self: { name: string; selfMs: number; count: number }[];
}

/** Summarises the busiest CrRendererMain thread of `trace` (the JSON that stopTracing returns). */
export function summariseTrace(trace: string, top = 30): TraceSummary {
  const parsed = JSON.parse(trace) as { traceEvents: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const mains = new Set(
    events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`),
  );
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (!mains.has(key) || e.ph !== 'X' || e.dur === undefined) continue;
    let list = byThread.get(key);
    if (!list) byThread.set(key, (list = []));
    list.push(e);
  }
  const list = [...byThread.values()].sort((a, b) => b.length - a.length)[0] ?? [];
  list.sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const self = new Map<string, { selfMs: number; count: number }>();
  const stack: { end: number; key: string; childUs: number; dur: number }[] = [];
  let busyUs = 0;
  const close = (until: number) => {
    while (stack.length && stack[stack.length - 1]!.end <= until) {
      const done = stack.pop()!;
      const row = self.get(done.key) ?? { selfMs: 0, count: 0 };
      row.selfMs += (done.dur - done.childUs) / 1000;
      row.count++;
      self.set(done.key, row);
    }
  };
  for (const e of list) {
    close(e.ts);
    const parent = stack[stack.length - 1];
    if (parent) parent.childUs += e.dur!;
    else if (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') busyUs += e.dur!;
    const d = e.args?.data;
    const detail = e.name === 'FunctionCall' && d?.functionName ? ` ${d.functionName}` : e.name === 'EventDispatch' && d?.type ? ` ${d.type}` : '';
    stack.push({ end: e.ts + e.dur!, key: `${e.name}${detail}`, childUs: 0, dur: e.dur! });
  }
  close(Number.POSITIVE_INFINITY);
  return {
    busyMs: busyUs / 1000,
    self: [...self.entries()]
      .map(([name, r]) => ({ name, ...r }))
      .sort((a, b) => b.selfMs - a.selfMs)
      .slice(0, top),
  };
}

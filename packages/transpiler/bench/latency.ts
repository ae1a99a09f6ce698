/**
 * Per-call latency for the ~100 KB sections of `pnpm bench`: wall time, and the process's
 * CPU time, which on a shared machine does not count the time other processes ran (but
 * does count V8's parallel GC threads).
 */
import {
  PerformanceObserver,
  constants,
  performance,
  type PerformanceEntry,
} from "node:perf_hooks";

/** The per-call target of the ~100 KB sections (issue 3). */
export const LARGE_TARGET_MS = 50;

export interface Latency {
  readonly wallP50Ms: number;
  readonly wallP99Ms: number;
  readonly wallMaxMs: number;
  readonly cpuP50Ms: number;
  readonly cpuP99Ms: number;
  readonly cpuMaxMs: number;
  /** Calls over `LARGE_TARGET_MS` (wall or CPU time). */
  readonly slowCalls: number;
  /** Of those, the calls during which a major garbage collection (or a step of one) ran. */
  readonly slowCallsWithMajorGc: number;
}

export interface Timed {
  readonly wall: readonly number[];
  readonly cpu: readonly number[];
  /** Per call: whether a major garbage collection (or an incremental step of one) ran in it. */
  readonly majorGc: readonly boolean[];
}

export function quantile(xs: readonly number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? Number.NaN;
}

const MAJOR_GC_KINDS: ReadonlySet<number> = new Set([
  constants.NODE_PERFORMANCE_GC_MAJOR,
  constants.NODE_PERFORMANCE_GC_INCREMENTAL,
]);

/**
 * `calls` timed calls after `warmups` untimed ones; an async call is awaited inside its
 * time. Major collections are attributed to the calls they overlap: a slow call with one
 * inside paid for the garbage of many calls (the heap's, not only its own).
 */
export async function timeCalls(
  call: () => unknown,
  calls: number,
  warmups: number,
): Promise<Timed> {
  for (let i = 0; i < warmups; i++) await call();
  const majors: { readonly start: number; readonly end: number }[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = (entry as PerformanceEntry & { detail?: { kind?: number } })
        .detail?.kind;
      if (kind !== undefined && MAJOR_GC_KINDS.has(kind))
        majors.push({
          start: entry.startTime,
          end: entry.startTime + entry.duration,
        });
    }
  });
  observer.observe({ entryTypes: ["gc"] });
  const wall: number[] = [];
  const cpu: number[] = [];
  const windows: { readonly start: number; readonly end: number }[] = [];
  for (let i = 0; i < calls; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await call();
    const t1 = performance.now();
    wall.push(t1 - t0);
    windows.push({ start: t0, end: t1 });
    const used = process.cpuUsage(c0);
    cpu.push((used.user + used.system) / 1000);
  }
  // GC entries are delivered asynchronously: let them arrive before reading them.
  await new Promise((resolve) => setTimeout(resolve, 50));
  observer.disconnect();
  const majorGc = windows.map((w) =>
    majors.some((g) => g.start < w.end && g.end > w.start),
  );
  return { wall, cpu, majorGc };
}

/** Several `Timed` as one, for a class of several inputs. */
export function joinTimed(parts: readonly Timed[]): Timed {
  return {
    wall: parts.flatMap((p) => p.wall),
    cpu: parts.flatMap((p) => p.cpu),
    majorGc: parts.flatMap((p) => p.majorGc),
  };
}

export function latencyOf(times: Timed): Latency {
  let slowCalls = 0;
  let slowCallsWithMajorGc = 0;
  times.wall.forEach((wall, i) => {
    if (Math.max(wall, times.cpu[i] ?? 0) <= LARGE_TARGET_MS) return;
    slowCalls++;
    if (times.majorGc[i] === true) slowCallsWithMajorGc++;
  });
  return {
    wallP50Ms: quantile(times.wall, 0.5),
    wallP99Ms: quantile(times.wall, 0.99),
    wallMaxMs: Math.max(...times.wall),
    cpuP50Ms: quantile(times.cpu, 0.5),
    cpuP99Ms: quantile(times.cpu, 0.99),
    cpuMaxMs: Math.max(...times.cpu),
    slowCalls,
    slowCallsWithMajorGc,
  };
}

/**
 * "calls over the target (those with a major GC inside)": a call that pays for a major
 * collection pays for the garbage of many calls before it.
 */
export function slowWithGc(
  l: Pick<Latency, "slowCalls" | "slowCallsWithMajorGc">,
): string {
  return `${l.slowCalls} (${l.slowCallsWithMajorGc})`;
}

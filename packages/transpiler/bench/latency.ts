/**
 * Per-call latency for the ~100 KB sections of `pnpm bench`: wall time, and the process's
 * CPU time, which on a shared machine does not count the time other processes ran (but
 * does count V8's parallel GC threads).
 */
import { performance } from "node:perf_hooks";

export interface Latency {
  readonly wallP50Ms: number;
  readonly wallP99Ms: number;
  readonly wallMaxMs: number;
  readonly cpuP50Ms: number;
  readonly cpuP99Ms: number;
  readonly cpuMaxMs: number;
}

export function quantile(xs: readonly number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? Number.NaN;
}

/** `calls` timed calls after `warmups` untimed ones; an async call is awaited inside its time. */
export async function timeCalls(
  call: () => unknown,
  calls: number,
  warmups: number,
): Promise<{
  readonly wall: readonly number[];
  readonly cpu: readonly number[];
}> {
  for (let i = 0; i < warmups; i++) await call();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < calls; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await call();
    wall.push(performance.now() - t0);
    const used = process.cpuUsage(c0);
    cpu.push((used.user + used.system) / 1000);
  }
  return { wall, cpu };
}

export function latencyOf(times: {
  readonly wall: readonly number[];
  readonly cpu: readonly number[];
}): Latency {
  return {
    wallP50Ms: quantile(times.wall, 0.5),
    wallP99Ms: quantile(times.wall, 0.99),
    wallMaxMs: Math.max(...times.wall),
    cpuP50Ms: quantile(times.cpu, 0.5),
    cpuP99Ms: quantile(times.cpu, 0.99),
    cpuMaxMs: Math.max(...times.cpu),
  };
}

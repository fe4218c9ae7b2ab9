import { performance } from 'node:perf_hooks';

/** Median, minimum and maximum of repeated timings, in milliseconds. */
export interface TimingStats {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly runs: number;
}

/** Runs `fn` `warmup` times untimed, then `runs` times timed, and summarizes. */
export async function timeRuns(fn: () => Promise<unknown>, warmup: number, runs: number): Promise<TimingStats> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return summarize(times);
}

/**
 * Times several functions run by run, alternating between them (after `warmup` untimed rounds),
 * so that load from other processes weighs on each alike; one summary per function.
 */
export async function timeInterleaved(fns: readonly (() => Promise<unknown>)[], warmup: number, runs: number): Promise<TimingStats[]> {
  for (let i = 0; i < warmup; i++) for (const fn of fns) await fn();
  const times = fns.map((): number[] => []);
  for (let i = 0; i < runs; i++) {
    for (const [j, fn] of fns.entries()) {
      const t0 = performance.now();
      await fn();
      times[j]!.push(performance.now() - t0);
    }
  }
  return times.map(summarize);
}

function summarize(times: number[]): TimingStats {
  times.sort((a, b) => a - b);
  const mid = times.length >> 1;
  const median = times.length % 2 ? times[mid]! : (times[mid - 1]! + times[mid]!) / 2;
  return { median, min: times[0]!, max: times[times.length - 1]!, runs: times.length };
}

/** Peak resident set size of this process so far, in MiB. */
export function peakRssMB(): number {
  return process.resourceUsage().maxRSS / 1024;
}

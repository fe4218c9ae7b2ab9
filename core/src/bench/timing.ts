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
  times.sort((a, b) => a - b);
  const mid = times.length >> 1;
  const median = times.length % 2 ? times[mid]! : (times[mid - 1]! + times[mid]!) / 2;
  return { median, min: times[0]!, max: times[times.length - 1]!, runs };
}

/** Peak resident set size of this process so far, in MiB. */
export function peakRssMB(): number {
  return process.resourceUsage().maxRSS / 1024;
}

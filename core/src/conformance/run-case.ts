import { performance } from 'node:perf_hooks';
import type { Tensor } from '../tensor/tensor.js';
import type { Comparison } from './compare.js';
import { compareOutput } from './compare.js';
import type { ConformanceCase } from './discover.js';
import type { CaseManifest } from './manifest.js';

/** Result of one archive on one input set, as written to the `--json` report. */
export interface CaseResult {
  /** Case name; `[core]`/`[aoti]` and `[alt]` suffixes mark the IR and the second input set. */
  readonly name: string;
  readonly archive: string;
  readonly status: 'pass' | 'fail' | 'error' | 'skip';
  readonly maxAbsErr: number | null;
  /** Time of the `run` call in milliseconds (load excluded). */
  readonly ms: number;
  readonly error?: string;
  /** Nodes each delegate ran, from the partition report. */
  readonly delegates?: Readonly<Record<string, number>>;
  /** True when the case is listed in the known-failures file, so it does not fail the run. */
  readonly knownFailure?: boolean;
}

/** What a conformance run needs from a loaded program: run and release. */
export interface CaseRunner {
  run(args: unknown[], kwargs: Record<string, unknown>): Promise<unknown>;
  dispose(): Promise<void>;
}

/** Flattens a run's output to leaves in out_spec order. */
export type OutputFlattener = (value: unknown) => unknown[];

/**
 * Runs one case: every input set of the manifest (main, and `alt.*` when present) through
 * `runner`, comparing each leaf with the reference under the manifest's tolerances.
 */
export async function runCase(
  c: ConformanceCase, manifest: CaseManifest, io: ReadonlyMap<string, Tensor>, runner: CaseRunner, flatten: OutputFlattener,
): Promise<CaseResult[]> {
  const sets = manifest.alt ? ['', 'alt.'] : [''];
  const results: CaseResult[] = [];
  const tag = c.ir === 'export' ? '' : `[${c.ir}]`;
  for (const prefix of sets) {
    const name = `${c.name}${tag}${prefix ? '[alt]' : ''}`;
    const t0 = performance.now();
    try {
      const args = manifest.args.map((k) => need(io, prefix + k, c.io));
      const kwargs = Object.fromEntries(manifest.kwargs.map((k) => [k, need(io, `${prefix}kw.${k}`, c.io)]));
      const out = await runner.run(args, kwargs);
      const ms = performance.now() - t0;
      const leaves = flatten(out);
      const cmp = compareLeaves(leaves, manifest.outputs.map((k) => need(io, prefix + k, c.io)), manifest);
      results.push({ name, archive: c.archive, status: cmp.ok ? 'pass' : 'fail', maxAbsErr: cmp.maxAbsErr, ms, ...(cmp.ok ? {} : { error: cmp.message }) });
    } catch (e) {
      results.push({ name, archive: c.archive, status: 'error', maxAbsErr: null, ms: performance.now() - t0, error: (e as Error).message });
    }
  }
  return results;
}

function compareLeaves(got: readonly unknown[], want: readonly Tensor[], m: CaseManifest): Comparison {
  if (got.length !== want.length) return { ok: false, maxAbsErr: Infinity, message: `${got.length} outputs, want ${want.length}` };
  let maxAbsErr = 0;
  for (let i = 0; i < want.length; i++) {
    const r = compareOutput(got[i], want[i]!, m.rtol, m.atol);
    if (!r.ok) return { ...r, message: `output ${i}: ${r.message}` };
    maxAbsErr = Math.max(maxAbsErr, r.maxAbsErr);
  }
  return { ok: true, maxAbsErr, message: '' };
}

function need(io: ReadonlyMap<string, Tensor>, key: string, file: string): Tensor {
  const t = io.get(key);
  if (!t) throw new Error(`${file}: no tensor '${key}'`);
  return t;
}

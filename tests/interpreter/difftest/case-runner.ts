import type { LoadedModel, Tensor } from '@nativert/core';
import { compareOutput, decodeExportedProgram, flattenTree, ModelRunner } from '@nativert/core';
import interpreter from '@nativert/interpreter';
import type { DiffCase, DiffFamily } from './fixture-reader.js';
import { tensorAt } from './fixture-reader.js';

/** A LoadedModel made from a case's program JSON and state, as an archive loader would make it. */
export function caseModel(fam: DiffFamily, c: DiffCase): LoadedModel {
  const source = `difftest/${fam.family}/${c.op}/${c.name}`;
  return {
    name: 'model',
    source,
    program: decodeExportedProgram(c.program, source),
    state: new Map(Object.entries(c.state).map(([fqn, key]) => [fqn, tensorAt(fam, key)])),
    modelNames: ['model'],
    entries: new Map(),
  };
}

/**
 * Runs the case on the interpreter and returns one line per mismatching output (empty when all match).
 * Inputs are cloned first: programs that mutate user inputs write back into what they are given.
 */
export async function runCase(fam: DiffFamily, c: DiffCase): Promise<string[]> {
  const model = caseModel(fam, c);
  const runner = await ModelRunner.load(model, { delegates: [interpreter], strict: true, threads: 1 });
  try {
    const args = c.inputs.map((k) => tensorAt(fam, k).clone());
    const kwargs = Object.fromEntries(Object.entries(c.kwargs).map(([k, key]) => [k, tensorAt(fam, key).clone()]));
    const got = flattenTree(model.program.outSpec, await runner.run(args, kwargs), 'output');
    if (got.length !== c.outputs.length) return [`${got.length} outputs, want ${c.outputs.length}`];
    const problems: string[] = [];
    c.outputs.forEach((key, i) => {
      const want = tensorAt(fam, key);
      const loose = c.loose_outputs.includes(i);
      const r = loose ? compareLayout(got[i], want) : compareOutput(got[i], want, c.rtol, c.atol);
      if (!r.ok) problems.push(`output ${i}: ${r.message} (rtol ${c.rtol}, atol ${c.atol})`);
    });
    return problems;
  } finally {
    await runner.dispose();
  }
}

/** Shape and dtype only, for outputs whose values PyTorch leaves unspecified. */
function compareLayout(got: unknown, want: Tensor): { ok: boolean; message: string } {
  const g = got as Partial<Tensor> | null;
  const same = g !== null && typeof g === 'object' && g.dtype === want.dtype && g.shape?.join(',') === want.shape.join(',');
  return { ok: same, message: same ? '' : `got ${String(got)}, want ${want.toString()}` };
}

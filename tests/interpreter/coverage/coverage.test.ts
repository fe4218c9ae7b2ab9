// Op coverage of the interpreter: how many core ATen ops have kernels, how many of those are checked
// against PyTorch by the differential fixtures, and that every kernel is exercised by some fixture.
import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { INTERPRETER_OPS } from '@nativert/interpreter';
import { DIFFTEST_DIR, listFamilies, readFamily } from '../difftest/fixture-reader.js';

/** The 189 core ATen overloads of PyTorch 2.13 (copied next to the fixtures by the generator). */
function coreAtenOps(): string[] {
  return readFileSync(`${DIFFTEST_DIR}core_aten_ops.txt`, 'utf8').split('\n').map((l) => l.trim()).filter((l) => l !== '');
}

/** Every op target appearing in some fixture program. */
function fixtureOps(): Set<string> {
  const ops = new Set<string>();
  for (const family of listFamilies()) for (const c of readFamily(family).cases) for (const op of c.ops) ops.add(op);
  return ops;
}

/** Ops the generator could not make a case for, with the reason (tools/difftest/gen.py SKIPPED). */
function skippedOps(): Record<string, string> {
  return (JSON.parse(readFileSync(`${DIFFTEST_DIR}skipped.json`, 'utf8')) as { skipped: Record<string, string> }).skipped;
}

describe('interpreter op coverage', () => {
  const core = coreAtenOps();
  const implemented = new Set(INTERPRETER_OPS);
  const fixtures = fixtureOps();

  it('reports core ATen coverage', () => {
    const done = core.filter((op) => implemented.has(op));
    const checked = done.filter((op) => fixtures.has(op));
    const missing = core.filter((op) => !implemented.has(op));
    const skipped = skippedOps();
    console.log(`      implemented ${done.length} / ${core.length} core ATen ops, checked against PyTorch ${checked.length}`);
    console.log(`      ${INTERPRETER_OPS.length} op targets with kernels in all; ${fixtures.size} op targets in the difftest fixtures`);
    if (missing.length > 0) {
      console.log(`      core ops not implemented (${missing.length}):`);
      for (const op of missing) console.log(`        ${op}${skipped[op] !== undefined ? ` (no fixture: ${skipped[op]})` : ''}`);
    }
    expect(core.length).to.equal(189);
  });

  it('has a PyTorch fixture for every op the interpreter implements', () => {
    // Ops PyTorch cannot give a CPU reference for are exempt; skipped.json says why for each.
    const skipped = skippedOps();
    const unchecked = INTERPRETER_OPS.filter((op) => !fixtures.has(op) && skipped[op] === undefined);
    expect(unchecked, `ops with kernels but no difftest case; add cases in tools/difftest/families and regenerate: ${unchecked.join(', ')}`).to.deep.equal([]);
  });
});

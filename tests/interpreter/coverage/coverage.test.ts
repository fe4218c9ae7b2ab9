// Op coverage of the interpreter: how many core ATen ops have kernels, how many of those are checked
// against PyTorch by the differential fixtures, and that every kernel is either exercised by some fixture
// or listed in skipped.json with the reason no fixture can exist (tools/difftest/skips.py).
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

/** Ops with no fixture by decision, each with the reason (tools/difftest/skips.py). */
function skippedOps(): Record<string, string> {
  return (JSON.parse(readFileSync(`${DIFFTEST_DIR}skipped.json`, 'utf8')) as { skipped: Record<string, string> }).skipped;
}

describe('interpreter op coverage', () => {
  const core = coreAtenOps();
  const implemented = new Set(INTERPRETER_OPS);
  const fixtures = fixtureOps();
  const skipped = skippedOps();

  it('reports core ATen coverage', () => {
    const done = core.filter((op) => implemented.has(op));
    const checked = done.filter((op) => fixtures.has(op));
    const missing = core.filter((op) => !implemented.has(op));
    console.log(`      implemented ${done.length} / ${core.length} core ATen ops, checked against PyTorch ${checked.length}`);
    console.log(`      ${INTERPRETER_OPS.length} op targets with kernels in all; ${fixtures.size} op targets in the difftest fixtures`);
    console.log(`      core ops not implemented (${missing.length}):${missing.length === 0 ? ' none' : ''}`);
    for (const op of missing) console.log(`        ${op}`);
    const unchecked = done.filter((op) => !fixtures.has(op));
    if (unchecked.length > 0) console.log(`      implemented core ops with no fixture (${unchecked.length}): ${unchecked.map((op) => `${op} (${skipped[op] ?? 'no reason'})`).join('; ')}`);
    expect(core.length).to.equal(189);
  });

  it('has a PyTorch fixture or a written skip reason for every op the interpreter implements', () => {
    const bySkip = INTERPRETER_OPS.filter((op) => !fixtures.has(op) && op in skipped);
    console.log(`      implemented ops without a fixture by decision (${bySkip.length}):`);
    for (const op of bySkip) console.log(`        ${op}: ${skipped[op]}`);
    const unchecked = INTERPRETER_OPS.filter((op) => !fixtures.has(op) && (skipped[op] ?? '').trim() === '');
    expect(unchecked, `ops with kernels but no difftest case; add cases in tools/difftest/families and regenerate, or give a reason in tools/difftest/skips.py: ${unchecked.join(', ')}`).to.deep.equal([]);
  });

  it('skips no op that has a fixture', () => {
    // A skip whose op now appears in a fixture is stale: the reason no longer holds.
    const stale = Object.keys(skipped).filter((op) => fixtures.has(op));
    expect(stale, `remove from tools/difftest/skips.py, these ops have fixtures: ${stale.join(', ')}`).to.deep.equal([]);
  });
});

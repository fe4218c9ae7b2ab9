// Runs every case of fixtures/*.json (outputs computed by PyTorch 2.13, see gen-fixtures.py and
// cases.py) on the interpreter's kernels, with contiguous inputs and again with strided, offset views.
import { expect } from 'chai';
import { compareOutput } from '@nativert/core';
import type { FixtureCase } from './fixture-case.js';
import { readCases, runCase, toStridedTensor, toTensor } from './fixture-case.js';

function check(c: FixtureCase, strided: boolean): void {
  const result = runCase(c, strided ? toStridedTensor : toTensor);
  const got = c.outputs.length === 1 && !Array.isArray(result) ? [result] : (result as unknown[]);
  expect(got.length, 'number of outputs').to.equal(c.outputs.length);
  c.outputs.forEach((w, i) => {
    const r = compareOutput(got[i], toTensor(w), c.rtol, c.atol);
    expect(r.ok, `output ${i}: ${r.message}`).to.equal(true);
  });
}

for (const group of ['reduce', 'scan', 'norm', 'pool', 'resample', 'attention']) {
  describe(`reduction kernels vs PyTorch: ${group}`, () => {
    for (const c of readCases(group)) {
      it(`${c.name} (${c.target})`, () => check(c, false));
      if (Object.keys(c.tensors).length > 0) it(`${c.name} (${c.target}) strided input`, () => check(c, true));
    }
  });
}

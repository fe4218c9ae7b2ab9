// Differential op tests: every case exported from PyTorch by tools/difftest/gen.py, run on the
// interpreter and compared with PyTorch's eager outputs. Cases using an op the interpreter has no
// kernel for are pending (the coverage test lists those ops).
import { expect } from 'chai';
import { INTERPRETER_OPS } from '@nativert/interpreter';
import { listFamilies, readFamily } from './fixture-reader.js';
import { runCase } from './case-runner.js';

const implemented = new Set(INTERPRETER_OPS);

for (const family of listFamilies()) {
  describe(`difftest ${family}`, () => {
    const fam = readFamily(family);
    for (const c of fam.cases) {
      it(`${c.op} ${c.name}`, async function () {
        const missing = c.ops.filter((op) => !implemented.has(op));
        if (missing.length > 0) this.skip();
        const problems = await runCase(fam, c);
        expect(problems, `${c.op} ${c.name} [${c.ops.join(', ')}]\n  ${problems.join('\n  ')}`).to.deep.equal([]);
      });
    }
  });
}

import { expect } from 'chai';
import { ErrorCode, ModelRunner, NativertError, Tensor } from '@nativert/core';
import { ToyDelegate } from '../partition/toy-delegate.js';
import type { ToySpec } from '../partition/toy-program.js';
import { toyModel } from '../partition/toy-program.js';

const spec: ToySpec = {
  inputs: { x: ['s0', 3], y: ['s0', 3] },
  nodes: ['a = add(x, y)'],
  outputs: ['a'],
  ranges: { s0: [2, 1024] },
};

const f32 = (shape: number[]) => Tensor.zeros('float32', shape);

describe('ModelRunner input validation', () => {
  let runner: ModelRunner;
  before(async () => {
    runner = await ModelRunner.load(toyModel(spec), { delegates: [new ToyDelegate('toy', { ops: ['add'] })] });
  });

  async function message(args: unknown[]): Promise<string> {
    try {
      await runner.run(args);
    } catch (e) {
      expect(e).to.be.instanceOf(NativertError);
      expect((e as NativertError).code).to.equal(ErrorCode.InvalidInput);
      return (e as Error).message;
    }
    throw new Error('expected InvalidInput');
  }

  it('accepts inputs within the symbolic range', async () => {
    const out = (await runner.run([f32([5, 3]), f32([5, 3])])) as Tensor[];
    expect(out[0]!.shape).to.deep.equal([5, 3]);
  });

  it('names the inputs when the count is wrong', async () => {
    expect(await message([f32([2, 3])])).to.equal('expected 2 (x, y) positional input(s), given 1');
  });

  it('rejects a wrong dtype, rank or static dim, naming the input', async () => {
    expect(await message([Tensor.zeros('int64', [2, 3]), f32([2, 3])])).to.match(/^input 'x': expected dtype float32, given int64/);
    expect(await message([f32([2, 3]), f32([2, 3, 1])])).to.match(/^input 'y': expected rank 2 \(float32 \[s0, 3\]\), given rank 3/);
    expect(await message([f32([2, 4]), f32([2, 3])])).to.match(/^input 'x' dim 1 = 4, expected 3/);
    expect(await message([3, f32([2, 3])])).to.match(/^input 'x': expected a float32 tensor \[s0, 3\], given number 3/);
  });

  it('checks symbolic dims against their range and across inputs', async () => {
    expect(await message([f32([1, 3]), f32([1, 3])])).to.equal("input 'x' dim 0 = 1 is outside s0 ∈ [2, 1024]");
    expect(await message([f32([4, 3]), f32([5, 3])])).to.equal("input 'y' dim 0 = 5, but s0 = 4 from input 'x' dim 0");
  });
});

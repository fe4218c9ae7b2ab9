import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { ErrorCode, loadModel, loadSafetensors, NativertError, readSafetensors, Tensor, writeSafetensors } from '@nativert/core';
import type { DType } from '@nativert/core';
import { corpusFile } from '../archive/corpus.js';

/** A raw safetensors file from a header object and data bytes. */
function rawFile(header: object, data: Uint8Array = new Uint8Array()): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(8 + json.length + data.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  out.set(data, 8 + json.length);
  return out;
}

function throwsArchive(fn: () => unknown, ...patterns: RegExp[]): void {
  try {
    fn();
  } catch (e) {
    expect(e).to.be.instanceOf(NativertError);
    expect((e as NativertError).code).to.equal(ErrorCode.InvalidArchive);
    for (const re of patterns) expect((e as NativertError).message).to.match(re);
    return;
  }
  throw new Error('expected InvalidArchive');
}

describe('safetensors', () => {
  it('round-trips every supported dtype, 0-d, empty and strided tensors', () => {
    const dtypes: DType[] = ['float32', 'float16', 'bfloat16', 'float64', 'int64', 'int32', 'int16', 'int8', 'uint8', 'bool', 'complex64'];
    const tensors = new Map<string, Tensor>();
    for (const dt of dtypes) tensors.set(`t.${dt}`, Tensor.fromNumbers(dt, [2, 3], [0, 1, -2, 3, 4.5, 1]));
    tensors.set('zero_d', Tensor.scalar('float32', 7));
    tensors.set('empty', Tensor.zeros('int64', [0, 4]));
    const base = Tensor.fromNumbers('float32', [2, 3], [1, 2, 3, 4, 5, 6]);
    tensors.set('transposed', base.asStrided([3, 2], [1, 3]));
    const bytes = writeSafetensors(tensors, { format: 'pt' });
    const back = readSafetensors(bytes, 'roundtrip');
    expect([...back.keys()].sort()).to.deep.equal([...tensors.keys()].sort());
    for (const [k, t] of tensors) {
      const r = back.get(k)!;
      expect(r.dtype, k).to.equal(t.dtype);
      expect(r.shape, k).to.deep.equal(t.shape);
      expect(Array.from(r.toFloat64()), k).to.deep.equal(Array.from(t.toFloat64()));
      // Written sorted by item size after an 8-aligned header, so every tensor reads in place.
      expect(r.hostStorage().bytes.buffer, k).to.equal(bytes.buffer);
    }
    expect(Array.from(back.get('transposed')!.toFloat64())).to.deep.equal([1, 4, 2, 5, 3, 6]);
  });

  it('reads a corpus io file whose tensors fit the model signature', async () => {
    const io = corpusFile('mlp_kwargs_dict.io.safetensors');
    const pt2 = corpusFile('mlp_kwargs_dict.pt2');
    if (!io || !pt2) return;
    const tensors = await loadSafetensors(io);
    const manifest = JSON.parse(readFileSync(io.replace(/\.io\.safetensors$/, '.json'), 'utf8')) as { args: string[]; kwargs: string[]; outputs: string[] };
    expect([...tensors.keys()].sort()).to.deep.equal([...manifest.args, ...manifest.kwargs.map((k) => `kw.${k}`), ...manifest.outputs].sort());
    const { program } = await loadModel(pt2);
    expect(tensors.get('in.0')!.shape).to.deep.equal(program.graph.tensorMeta('x')!.sizes);
    expect(tensors.get('kw.y')!.shape).to.deep.equal(program.graph.tensorMeta('y')!.sizes);
    // Rewriting and rereading keeps every value.
    const again = readSafetensors(writeSafetensors(tensors));
    for (const [k, t] of tensors) expect(Array.from(again.get(k)!.toFloat64()), k).to.deep.equal(Array.from(t.toFloat64()));
  });

  it('copies tensors whose bytes are not aligned for their dtype, reads aligned ones in place', () => {
    const file = rawFile({ b: { dtype: 'F32', shape: [1], data_offsets: [0, 4] } }, new Uint8Array([0, 0, 128, 63]));
    const inPlace: boolean[] = [];
    for (let shift = 0; shift < 4; shift++) {
      const holder = new Uint8Array(file.length + shift);
      holder.set(file, shift);
      const t = readSafetensors(holder.subarray(shift)).get('b')!;
      expect(t.item(), `shift ${shift}`).to.equal(1);
      inPlace.push(t.hostStorage().bytes.buffer === holder.buffer);
    }
    // Exactly one of four byte shifts puts the float on a 4-byte boundary.
    expect(inPlace.filter(Boolean)).to.have.length(1);
  });

  it('names the file and key on malformed input', () => {
    throwsArchive(() => readSafetensors(new Uint8Array(4), 'f.safetensors'), /f\.safetensors: too short/);
    const big = new Uint8Array(16);
    new DataView(big.buffer).setBigUint64(0, 1000n, true);
    throwsArchive(() => readSafetensors(big, 'f.safetensors'), /header length 1000 runs past the end/);
    const badJson = rawFile({});
    badJson[8] = 0x7b; badJson[9] = 0x7b;
    throwsArchive(() => readSafetensors(badJson, 'f.safetensors'), /f\.safetensors: header is not valid JSON/);
    throwsArchive(() => readSafetensors(rawFile({ w: { dtype: 'F8_E4M3', shape: [1], data_offsets: [0, 1] } }, new Uint8Array(1)), 'f'), /tensor 'w': dtype 'F8_E4M3' is not supported/);
    throwsArchive(() => readSafetensors(rawFile({ w: { dtype: 'F32', shape: [2], data_offsets: [0, 4] } }, new Uint8Array(4)), 'f'), /tensor 'w': F32 \[2\] needs 8 bytes, data_offsets give 4/);
    throwsArchive(() => readSafetensors(rawFile({ w: { dtype: 'F32', shape: [2], data_offsets: [0, 8] } }, new Uint8Array(4)), 'f'), /tensor 'w': data_offsets \[0, 8\] outside the data section of 4 bytes/);
    throwsArchive(() => readSafetensors(rawFile({ w: { dtype: 'F32', data_offsets: [0, 4] } }, new Uint8Array(4)), 'f'), /tensor 'w': missing field 'shape'/);
  });
});

import type { Tensor } from '@nativert/core';
import { readSafetensors } from '@nativert/core';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// Compiled to tests/dist/interpreter/kernels/linalg; the fixture stays beside the sources.
const FIXTURE = fileURLToPath(new URL('../../../../interpreter/kernels/linalg/fixtures/linalg-cases.safetensors', import.meta.url));

let cache: Map<string, Tensor> | undefined;

/** Inputs and PyTorch outputs of one case of `fixtures/linalg-cases.safetensors` (made by make-fixtures.py). */
export function fixtureCase(name: string): { input: (key: string) => Tensor; inputs: (key: string) => Tensor[]; outputs: Tensor[] } {
  cache ??= readSafetensors(readFileSync(FIXTURE), FIXTURE);
  const all = cache;
  const get = (key: string): Tensor => {
    const t = all.get(`${name}.${key}`);
    if (t === undefined) throw new Error(`fixture has no ${name}.${key}`);
    return t;
  };
  const list = (prefix: string): Tensor[] => {
    const out: Tensor[] = [];
    while (all.has(`${name}.${prefix}.${out.length}`)) out.push(all.get(`${name}.${prefix}.${out.length}`)!);
    return out;
  };
  return { input: (k) => get(`in.${k}`), inputs: (k) => list(`in.${k}`), outputs: list('out') };
}

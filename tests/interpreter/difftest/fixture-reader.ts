import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'fflate';
import type { Tensor } from '@nativert/core';
import { readSafetensors } from '@nativert/core';

/** Folder of the fixtures written by tools/difftest/gen.py (tests/fixtures/difftest). */
export const DIFFTEST_DIR = fileURLToPath(new URL('../../../fixtures/difftest/', import.meta.url));

/** One differential case: an exported program, its state and inputs, and PyTorch's eager outputs (all as tensor keys). */
export interface DiffCase {
  readonly name: string;
  /** The op the case was written for (`aten.add.Tensor`). */
  readonly op: string;
  /** Every op target in the program, nested graphs included. */
  readonly ops: readonly string[];
  /** The serialized ExportedProgram (`models/<name>.json` of an archive). */
  readonly program: unknown;
  readonly state: Readonly<Record<string, string>>;
  readonly inputs: readonly string[];
  readonly kwargs: Readonly<Record<string, string>>;
  readonly outputs: readonly string[];
  /** Output indices PyTorch leaves unspecified (indices among ties): checked by shape and dtype only. */
  readonly loose_outputs: readonly number[];
  readonly rtol: number;
  readonly atol: number;
}

/** The cases of one op family with the tensors they name. */
export interface DiffFamily {
  readonly family: string;
  readonly cases: readonly DiffCase[];
  readonly tensors: ReadonlyMap<string, Tensor>;
}

/** Family names present in {@link DIFFTEST_DIR}, sorted. */
export function listFamilies(dir = DIFFTEST_DIR): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.json.gz')).map((f) => f.slice(0, -'.json.gz'.length)).sort();
}

/** Reads `<family>.json.gz` and `<family>.safetensors`. Synchronous, so mocha can declare one test per case. */
export function readFamily(family: string, dir = DIFFTEST_DIR): DiffFamily {
  const doc = JSON.parse(new TextDecoder().decode(gunzipSync(readFileSync(`${dir}${family}.json.gz`)))) as { cases: DiffCase[] };
  const tensors = readSafetensors(readFileSync(`${dir}${family}.safetensors`), `${family}.safetensors`);
  return { family, cases: doc.cases, tensors };
}

/** The tensor under `key`; throws naming the family and key when the fixture lacks it. */
export function tensorAt(fam: DiffFamily, key: string): Tensor {
  const t = fam.tensors.get(key);
  if (t === undefined) throw new Error(`${fam.family}.safetensors has no tensor '${key}'`);
  return t;
}

import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Which IR's archives a conformance run uses: export IR `<name>.pt2`, core ATen `<name>.core.pt2`, or both. */
export type IrChoice = 'export' | 'core' | 'both';

/** One archive to run, with the io file and manifest beside it. */
export interface ConformanceCase {
  readonly name: string;
  readonly ir: 'export' | 'core' | 'aoti';
  readonly archive: string;
  readonly io: string;
  readonly manifest: string;
}

/**
 * Finds the cases in `dir`: every `<name>.pt2` (per `ir`, also `<name>.core.pt2`; with `aoti`, only
 * `<name>.aoti_cpu.pt2`) that has `<name>.io.safetensors` and `<name>.json` beside it, sorted by name.
 */
export function discoverCases(dir: string, ir: IrChoice, aoti = false): ConformanceCase[] {
  const cases: ConformanceCase[] = [];
  const files = new Set(readdirSync(dir));
  const names = [...files].filter((f) => f.endsWith('.io.safetensors')).map((f) => f.slice(0, -'.io.safetensors'.length)).sort();
  for (const name of names) {
    const io = join(dir, `${name}.io.safetensors`);
    const manifest = join(dir, `${name}.json`);
    if (!existsSync(manifest)) continue;
    const add = (file: string, kind: ConformanceCase['ir']) => {
      if (files.has(file)) cases.push({ name, ir: kind, archive: join(dir, file), io, manifest });
    };
    if (aoti) {
      add(`${name}.aoti_cpu.pt2`, 'aoti');
      continue;
    }
    if (ir !== 'core') add(`${name}.pt2`, 'export');
    if (ir !== 'export') add(`${name}.core.pt2`, 'core');
  }
  return cases;
}

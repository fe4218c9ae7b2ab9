import type { ExportedProgram } from '../ir/program.js';
import type { TreeSpec } from '../ir/tree-spec.js';

function labelLeaves(spec: TreeSpec, path: string, out: string[]): void {
  if (spec.type === null) {
    out.push(path);
    return;
  }
  const keys = Array.isArray(spec.context) ? (spec.context as readonly unknown[]) : null;
  spec.children.forEach((c, i) => labelLeaves(c, keys ? `${path}['${String(keys[i])}']` : `${path}[${i}]`, out));
}

/**
 * A name for each user-input leaf, in graph order, for messages: the forward's argument name
 * (`x`), the keyword (`mask`), or a path into a nested argument (`batch['ids']`, `args[2][0]`).
 */
export function userInputLabels(program: ExportedProgram): string[] {
  const out: string[] = [];
  const [argSpec, kwSpec] = program.inSpec.children;
  argSpec?.children.forEach((c, i) => labelLeaves(c, program.forwardArgNames[i] ?? `args[${i}]`, out));
  if (kwSpec) {
    const keys = Array.isArray(kwSpec.context) ? (kwSpec.context as readonly unknown[]) : [];
    kwSpec.children.forEach((c, i) => labelLeaves(c, String(keys[i] ?? `kwargs[${i}]`), out));
  }
  return out;
}

/** The forward's positional argument names for messages (`x, y`), or their count. */
export function describePositional(program: ExportedProgram): string {
  const n = program.inSpec.children[0]?.children.length ?? 0;
  const names = program.forwardArgNames.slice(0, n);
  return names.length === n && n > 0 ? `${n} (${names.join(', ')})` : String(n);
}

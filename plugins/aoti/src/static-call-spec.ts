// Reads a compiled model's pytree call spec without running its code: from the generated
// wrapper source when the archive keeps it (`in_spec_ = R"(...)"`), else from the string
// literals in the .so's bytes. The program built for an AOTI-only package needs the spec before
// the integrator's opt-in lets any native code load.
import { ErrorCode, NativertError } from '@nativert/core';
import type { AotiBlob } from './aoti-artifacts.js';
import type { CallSpec } from './aoti-container.js';

const SPEC_START = '[1, {"type"';

function fromWrapperSource(cpp: string): CallSpec | undefined {
  const inSpec = /in_spec_ = R"\((.*)\)";/.exec(cpp)?.[1];
  const outSpec = /out_spec_ = R"\((.*)\)";/.exec(cpp)?.[1];
  return inSpec !== undefined && outSpec !== undefined ? { inSpec, outSpec } : undefined;
}

// NUL-terminated strings in `bytes` that start with a pytree spec's opening.
function specLiterals(bytes: Uint8Array): string[] {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const found: string[] = [];
  for (let at = text.indexOf(SPEC_START); at >= 0; at = text.indexOf(SPEC_START, at + 1)) {
    const end = text.indexOf('\0', at);
    if (end > at) found.push(text.slice(at, end));
  }
  return found;
}

// An input spec is the tuple (args tuple, kwargs dict).
function looksLikeInSpec(spec: string): boolean {
  try {
    const root = (JSON.parse(spec) as [number, { type: string; children_spec: { type: string }[] }])[1];
    return root.type === 'builtins.tuple' && root.children_spec.length === 2 && root.children_spec[1]?.type === 'builtins.dict';
  } catch {
    return false;
  }
}

/** The call spec of `blob`, read statically; `source` names the archive in errors. */
export function readStaticCallSpec(blob: AotiBlob, source: string): CallSpec {
  if (blob.wrapperCpp) {
    const spec = fromWrapperSource(new TextDecoder().decode(blob.wrapperCpp.bytes));
    if (spec) return spec;
  }
  const literals = [...new Set(specLiterals(blob.so.bytes))];
  const ins = literals.filter(looksLikeInSpec);
  const outs = literals.filter((s) => !looksLikeInSpec(s));
  if (ins.length === 1 && outs.length <= 1) return { inSpec: ins[0]!, outSpec: outs[0] ?? ins[0]! };
  throw new NativertError(ErrorCode.InvalidArchive, `${source}: ${blob.so.path}: cannot read its call spec without running it (found ${literals.length} pytree spec literal(s), expected an input spec and an output spec)`);
}

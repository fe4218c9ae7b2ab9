import { readFileSync } from 'node:fs';
import { ErrorCode } from '../errors/error-code.js';
import { NativertError } from '../errors/nativert-error.js';

/** The fields of a corpus manifest (`<name>.json`) the conformance run reads. */
export interface CaseManifest {
  readonly name: string;
  readonly modelName: string;
  readonly rtol: number;
  readonly atol: number;
  /** io keys of the positional arguments (`in.0`, ...). */
  readonly args: readonly string[];
  /** Keyword argument names (io keys `kw.<name>`). */
  readonly kwargs: readonly string[];
  /** io keys of the flattened outputs, in out_spec order. */
  readonly outputs: readonly string[];
  /** True when a second input set (`alt.*`) with other sizes is present. */
  readonly alt: boolean;
  readonly tags: readonly string[];
}

/** Reads and checks a manifest file; errors name the file and field. */
export function readManifest(path: string): CaseManifest {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch (e) {
    throw new NativertError(ErrorCode.InvalidArgument, `${path}: cannot read manifest: ${(e as Error).message}`);
  }
  const strings = (key: string): string[] => {
    const v = raw[key] ?? [];
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) {
      throw new NativertError(ErrorCode.InvalidArgument, `${path}: field '${key}' must be a list of strings`);
    }
    return v as string[];
  };
  const num = (key: string, dflt: number): number => (typeof raw[key] === 'number' ? (raw[key] as number) : dflt);
  return {
    name: typeof raw['name'] === 'string' ? raw['name'] : path,
    modelName: typeof raw['model_name'] === 'string' ? raw['model_name'] : 'model',
    rtol: num('rtol', 1e-4),
    atol: num('atol', 1e-4),
    args: strings('args'),
    kwargs: strings('kwargs'),
    outputs: strings('outputs'),
    alt: raw['alt'] === true,
    tags: strings('tags'),
  };
}

import { ErrorCode } from '../errors/error-code.js';
import { NativertError } from '../errors/nativert-error.js';
import type { DType } from '../tensor/dtype.js';
import { Tensor } from '../tensor/tensor.js';

/** The part of onnxruntime-node's API the benchmark uses (it is an optional, dev-time dependency). */
interface OrtModule {
  InferenceSession: { create(path: string, options: object): Promise<OrtSession> };
  Tensor: new (type: string, data: unknown, dims: readonly number[]) => unknown;
}
interface OrtSession {
  readonly inputNames: readonly string[];
  run(feeds: Record<string, unknown>): Promise<Record<string, unknown>>;
  release(): Promise<void>;
}

const ORT_TYPES: Partial<Record<DType, string>> = {
  float32: 'float32', float64: 'float64', int64: 'int64', int32: 'int32', int8: 'int8', uint8: 'uint8', bool: 'bool', float16: 'float16',
};

/** An onnxruntime-node session fed with the same tensors as our runner, for side-by-side timing. */
export class OnnxBaseline {
  private constructor(private readonly session: OrtSession, private readonly feeds: Record<string, unknown>) {}

  /** Loads `path` with `threads` intra-op threads; `inputs` are the flat user inputs in signature order. */
  static async create(path: string, inputs: readonly Tensor[], threads: number): Promise<OnnxBaseline> {
    let ort: OrtModule;
    try {
      ort = (await import('onnxruntime-node' as string)) as OrtModule;
    } catch (e) {
      throw new NativertError(ErrorCode.NotFound, `--onnx needs the onnxruntime-node package (a dev dependency): ${(e as Error).message}`);
    }
    const session = await ort.InferenceSession.create(path, { intraOpNumThreads: threads, interOpNumThreads: 1, graphOptimizationLevel: 'all' });
    if (session.inputNames.length !== inputs.length) {
      throw new NativertError(ErrorCode.InvalidInput, `${path}: the ONNX model takes ${session.inputNames.length} inputs (${session.inputNames.join(', ')}), the archive ${inputs.length}`);
    }
    const feeds: Record<string, unknown> = {};
    session.inputNames.forEach((name, i) => {
      const t = inputs[i]!.contiguous();
      const type = ORT_TYPES[t.dtype];
      if (!type) throw new NativertError(ErrorCode.InvalidInput, `${path}: input '${name}' has dtype ${t.dtype}, which the benchmark cannot pass to onnxruntime`);
      feeds[name] = new ort.Tensor(type, t.data(), t.shape);
    });
    return new OnnxBaseline(session, feeds);
  }

  run(): Promise<unknown> {
    return this.session.run(this.feeds);
  }

  release(): Promise<void> {
    return this.session.release();
  }
}

// One loaded AOTInductor model: its .so opened with koffi over the shim, and a model container
// made for a device. Run takes input handles (the container deletes them) and returns output
// handles the caller owns.
import koffi from 'koffi';
import type { LibraryHandle } from 'koffi';
import type { Tensor } from '@nativert/core';
import { ErrorCode, NativertError } from '@nativert/core';
import type { ShimApi, TensorHandle } from './shim-library.js';
import type { HandleDevice } from './tensor-handles.js';
import { handleFromTensor, parseHandleDevice, tensorFromHandle } from './tensor-handles.js';

/** The container's pytree call spec strings (`treespec_dumps` format). */
type NativeFunction = ReturnType<LibraryHandle['func']>;

export interface CallSpec {
  readonly inSpec: string;
  readonly outSpec: string;
}

/**
 * A model container over one loaded .so. Runs may be concurrent: the container serialises them
 * over its model instances internally. `dispose` deletes the container; the .so stays mapped
 * for the life of the process (another container may use the same file).
 */
export class AotiContainer {
  private handle: bigint | null;
  private readonly runFn: NativeFunction;
  private readonly deleteFn: NativeFunction;
  private readonly lastErrorFn: NativeFunction | undefined;
  private readonly device: HandleDevice;

  /** Number of flat tensor inputs the compiled model takes. */
  readonly numInputs: number;
  /** Number of flat tensor outputs it returns. */
  readonly numOutputs: number;
  readonly callSpec: CallSpec;

  /**
   * Opens `soPath` (the shim must be loaded; for CUDA, the CUDA runtime and the libtorch stubs
   * too) and creates a container for `device` (`cpu`, `cuda`, `cuda:N`). `cubinDir` is the folder
   * holding a CUDA package's kernels. `label` names the archive and blob in errors.
   */
  constructor(private readonly shim: ShimApi, soPath: string, device: string, private readonly label: string, cubinDir?: string) {
    this.device = parseHandleDevice(device, label);
    let lib: LibraryHandle;
    try {
      lib = koffi.load(soPath);
    } catch (e) {
      throw new NativertError(ErrorCode.PluginFailure, `${label}: the dynamic loader refused ${soPath}: ${(e as Error).message}`);
    }
    const create = lib.func('int AOTInductorModelContainerCreateWithDevice(_Out_ void **h, size_t n, const char *device, const char *cubin_dir)');
    this.runFn = lib.func('int AOTInductorModelContainerRun(void *h, void *inputs, size_t n_in, void *outputs, size_t n_out, void *stream, void *proxy)');
    this.deleteFn = lib.func('int AOTInductorModelContainerDelete(void *h)');
    const numIn = lib.func('int AOTInductorModelContainerGetNumInputs(void *h, _Out_ size_t *n)');
    const numOut = lib.func('int AOTInductorModelContainerGetNumOutputs(void *h, _Out_ size_t *n)');
    const spec = lib.func('int AOTInductorModelContainerGetCallSpec(void *h, _Out_ const char **in_spec, _Out_ const char **out_spec)');
    try {
      // AOTIRuntimeError AOTInductorGetLastError(const char **error_msg) (aoti_runtime/interface.h).
      this.lastErrorFn = lib.func('int AOTInductorGetLastError(_Out_ const char **error_msg)');
    } catch {
      this.lastErrorFn = undefined;
    }
    const h: [bigint | null] = [null];
    this.call(create(h, 1, device, cubinDir ?? null) as number, `creating the model container for device '${device}'`);
    this.handle = h[0];
    const n: [number] = [0];
    this.call(numIn(this.handle, n) as number, 'GetNumInputs');
    this.numInputs = Number(n[0]);
    this.call(numOut(this.handle, n) as number, 'GetNumOutputs');
    this.numOutputs = Number(n[0]);
    const ins: [string | null] = [null];
    const outs: [string | null] = [null];
    this.call(spec(this.handle, ins, outs) as number, 'GetCallSpec');
    this.callSpec = { inSpec: ins[0] ?? '', outSpec: outs[0] ?? '' };
  }

  /** Runs the model on flat host `inputs` (zero-copy on the CPU, copied to and from a GPU) and returns its flat outputs. Synchronous. */
  run(inputs: readonly Tensor[], inputLabels: readonly string[]): Tensor[] {
    if (this.handle === null) throw new NativertError(ErrorCode.InvalidArgument, `${this.label}: container was disposed`);
    if (inputs.length !== this.numInputs) {
      throw new NativertError(ErrorCode.InvalidInput, `${this.label}: expected ${this.numInputs} tensor input(s), given ${inputs.length}`);
    }
    const ins = new BigUint64Array(inputs.length);
    try {
      inputs.forEach((t, i) => {
        ins[i] = handleFromTensor(this.shim, t, `${this.label}: ${inputLabels[i] ?? `input ${i}`}`, this.device);
      });
    } catch (e) {
      for (const h of ins) if (h !== 0n) this.shim.deleteTensor(h as TensorHandle);
      throw e;
    }
    const outs = new BigUint64Array(this.numOutputs);
    this.shim.clearLastError();
    const rc = this.runFn(this.handle, ins, ins.length, outs, outs.length, null, null) as number;
    if (rc !== 0) {
      // A successful Run steals the input handles; a failed one only once past its input checks
      // (AOTI_RUNTIME_CHECK_INPUTS): delete those it left alive, never one twice.
      for (const h of ins) if (this.shim.isLive(h as TensorHandle)) this.shim.deleteTensor(h as TensorHandle);
      this.call(rc, 'Run');
    }
    const result: Tensor[] = [];
    for (let i = 0; i < outs.length; i++) {
      result.push(tensorFromHandle(this.shim, outs[i]! as TensorHandle, `${this.label}: output ${i}`));
    }
    return result;
  }

  /** Deletes the container. Idempotent. */
  dispose(): void {
    if (this.handle === null) return;
    this.deleteFn(this.handle);
    this.handle = null;
  }

  /** The model runtime's message for its last failure on this thread, when the .so exports one. */
  private modelLastError(): string | undefined {
    if (!this.lastErrorFn) return undefined;
    const msg: [string | null] = [null];
    return (this.lastErrorFn(msg) as number) === 0 && msg[0] ? msg[0] : undefined;
  }

  private call(rc: number, what: string): void {
    if (rc === 0) return;
    const details = [this.shim.lastError(), this.modelLastError()].filter((s): s is string => !!s);
    throw new NativertError(ErrorCode.PluginFailure, `${this.label}: ${what} failed (code ${rc})${details.length ? `: ${details.join('; ')}` : ''}`);
  }
}

// The `aoti` ExecutorDelegate: claims AOTInductor call nodes whose blob can run here, and runs
// each through a model container over the libtorch-free shim.
import type {
  ArchiveContents,
  Availability, Capability, CapabilityContext, ExecutorDelegate, Graph, Partition, PluginHost, PrepareContext,
  PreparedPartition, RuntimeValue,
} from '@nativert/core';
import { CPU, ErrorCode, NativertError, Tensor, argumentValueNames } from '@nativert/core';
import type { AotiCall } from './aoti-call-node.js';
import { AOTI_NODE_TARGETS, parseAotiCall } from './aoti-call-node.js';
import type { AotiBlob } from './aoti-artifacts.js';
import { getAotiBlob } from './aoti-artifacts.js';
import { AotiContainer } from './aoti-container.js';
import { loadCudaRuntime } from './cuda-runtime.js';
import type { AotiDevice } from './host-check.js';
import { checkBlobRunsHere } from './host-check.js';
import { checkShimCoverage } from './shim-coverage.js';
import type { ShimApi } from './shim-library.js';
import { loadShim, shimUnavailableReason } from './shim-library.js';
import { materialize, materializeFolder } from './so-cache.js';

/** One delegate-call node prepared: its decoded call and the container that runs it. */
interface PreparedCall {
  readonly node: string;
  readonly call: AotiCall;
  readonly container: AotiContainer;
}

/** The delegate `aoti` creates. Native code from archives runs only with `host.allowNativeCode`. */
export class AotiDelegate implements ExecutorDelegate {
  readonly name = 'aoti';
  readonly device = CPU;

  constructor(private readonly host: PluginHost) {}

  availability(): Availability {
    const reason = shimUnavailableReason();
    return reason === undefined ? { available: true } : { available: false, reason };
  }

  getCapability(graph: Graph, context: CapabilityContext): Capability {
    const groups: string[][] = [];
    const refused = new Map<string, string>();
    for (const node of graph.nodes) {
      if (!AOTI_NODE_TARGETS.has(node.target) || context.taken.has(node.name)) continue;
      try {
        this.resolve(node.name, parseAotiCall(node), context.archive);
        groups.push([node.name]);
      } catch (e) {
        refused.set(node.name, (e as Error).message);
      }
    }
    return { groups, refused };
  }

  async prepare(partition: Partition, context: PrepareContext): Promise<PreparedPartition> {
    const shim = loadShim();
    const calls: PreparedCall[] = [];
    try {
      for (const node of partition.graph.nodes) {
        const { call, blob, source, device } = this.resolve(node.name, parseAotiCall(node), context.archive);
        const label = `${source}: node '${node.name}' (${blob.so.path})`;
        // A CUDA package's model loads its kernels by file name from the folder it is given.
        const cubinDir = blob.cubins.length > 0 ? materializeFolder(blob.cubins.map((e) => ({ name: e.path, bytes: e.bytes }))) : undefined;
        calls.push({ node: node.name, call, container: new AotiContainer(shim, materialize(blob.so.bytes), device === 'cuda' ? 'cuda:0' : 'cpu', label, cubinDir) });
      }
    } catch (e) {
      for (const c of calls) c.container.dispose();
      throw e;
    }
    return new PreparedAotiPartition(partition, calls, shim, context.threads);
  }

  // Checks, in order: a decodable call, the opt-in, the blob among the archive's entries, the host, the shim.
  private resolve(nodeName: string, parsed: ReturnType<typeof parseAotiCall>, archive: ArchiveContents): { call: AotiCall; blob: AotiBlob; source: string; device: AotiDevice } {
    if ('refused' in parsed) throw new NativertError(ErrorCode.UnsupportedOperator, `node '${nodeName}': ${parsed.refused}`);
    const source = archive.source;
    if (!this.host.allowNativeCode) {
      throw new NativertError(ErrorCode.NativeCodeNotAllowed, `${source}: node '${nodeName}' calls native code (data/aotinductor/${parsed.blob}/); running it needs allowNativeCode: true (CLI --allow-native)`);
    }
    const blob = getAotiBlob(archive.entries, parsed.blob, source);
    const device = checkBlobRunsHere(blob, source);
    checkShimCoverage(blob, loadShim().exports, source, device === 'cuda' ? loadCudaRuntime().runtimeExports : undefined);
    return { call: parsed, blob, source, device };
  }
}

/** A partition of delegate-call nodes, run in graph order on `threads` OpenMP threads. */
class PreparedAotiPartition implements PreparedPartition {
  constructor(private readonly partition: Partition, private readonly calls: readonly PreparedCall[], private readonly shim: ShimApi, private readonly threads: number) {}

  async execute(inputs: readonly RuntimeValue[]): Promise<RuntimeValue[]> {
    const env = new Map<string, RuntimeValue>();
    this.partition.graph.inputs.forEach((a, i) => {
      const [name] = argumentValueNames(a);
      if (name !== undefined) env.set(name, inputs[i]!);
    });
    for (const { node, call, container } of this.calls) {
      const args = call.inputs.map((name) => {
        const v = env.get(name);
        if (!(v instanceof Tensor)) throw new NativertError(ErrorCode.InvalidInput, `node '${node}': input '${name}' must be a tensor, given ${String(v)}`);
        // Compiled code assumes the layout it was traced with: contiguous inputs.
        return v.isContiguous() ? v : v.contiguous();
      });
      // Per run: the count is OpenMP's per calling thread, and other runners may set another.
      this.shim.setNumThreads(this.threads);
      const outs = container.run(args, call.inputs);
      if (outs.length !== call.outputs.length) {
        throw new NativertError(ErrorCode.PluginFailure, `node '${node}': the compiled model returned ${outs.length} output(s), the graph expects ${call.outputs.length}`);
      }
      call.outputs.forEach((name, i) => env.set(name, outs[i]!));
    }
    return this.partition.graph.outputs.map((a) => env.get(argumentValueNames(a)[0] ?? '')!);
  }

  release(): void {
    for (const c of this.calls) c.container.dispose();
  }
}

// @nativert/mtia-stub: the reference vendor accelerator, as a DelegatePlugin named `mtia-stub`.
import { fileURLToPath } from 'node:url';
import { nativePlugin } from '@nativert/sdk';

/** Fault-injection modes of the stub (option `fault`, or env `MTIA_STUB_FAULT`). */
export type MtiaStubFault = 'none' | 'load' | 'prepare' | 'execute' | 'wrong_shape';

/** Options the stub understands (`pluginOptions['mtia-stub']`). */
export interface MtiaStubOptions {
  /** Fail on purpose: at plugin creation, prepare, execute, or by reporting wrong output shapes. */
  readonly fault?: MtiaStubFault;
  /** Size of the simulated device memory in bytes (default 256 MiB). */
  readonly arena_bytes?: number;
}

/**
 * The `mtia-stub` plugin. Its library is the one this package's package.json declares under
 * `nativert.library` (build it with `npm run build:native -w @nativert/mtia-stub`).
 */
const mtiaStub = nativePlugin({ name: 'mtia-stub', packageDir: fileURLToPath(new URL('..', import.meta.url)) });

export default mtiaStub;

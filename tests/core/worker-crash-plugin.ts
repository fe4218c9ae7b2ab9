// A test plugin for worker runners: the interpreter, except that a run whose inputs hold
// CRASH_VALUE ends the thread it runs in (as a fatal plugin bug would end a worker).
import type { DelegatePlugin, RuntimeValue } from '@nativert/core';
import { Tensor } from '@nativert/core';
import interpreter from '@nativert/interpreter';

/** An input element that makes the delegate exit its thread with code 7. */
export const CRASH_VALUE = -1234.5;

const hasCrashValue = (v: RuntimeValue): boolean => v instanceof Tensor && v.numel > 0 && v.toFloat64()[0] === CRASH_VALUE;

const plugin: DelegatePlugin = {
  name: 'crasher',
  apiVersion: interpreter.apiVersion,
  async create(options, host) {
    const inner = await interpreter.create(options, host);
    return {
      name: 'crasher',
      device: inner.device,
      availability: () => inner.availability(),
      getCapability: (graph, context) => inner.getCapability(graph, context),
      async prepare(partition, context) {
        const prepared = await inner.prepare(partition, context);
        return {
          execute: (inputs, run) => (inputs.some(hasCrashValue) ? process.exit(7) : prepared.execute(inputs, run)),
          release: () => prepared.release(),
        };
      },
      dispose: () => inner.dispose?.(),
    };
  },
};
export default plugin;

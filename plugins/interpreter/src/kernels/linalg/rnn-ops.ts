import type { KernelArgs } from '../../kernel/kernel-args.js';
import type { KernelDef } from '../../kernel/kernel-def.js';
import type { RnnCell, RnnConfig } from './rnn.js';
import { runRnn } from './rnn.js';

function config(args: KernelArgs, cell: RnnCell, threads: number): RnnConfig {
  return {
    cell, threads, where: `node '${args.node.name}' (${args.node.target})`,
    hasBiases: args.bool('has_biases'), numLayers: args.int('num_layers'),
    bidirectional: args.bool('bidirectional'), batchFirst: args.bool('batch_first'),
  };
}

/** `aten.lstm.input` -> (output, h_n, c_n); `hx` is [h0, c0]. */
export const LSTM: KernelDef = {
  ops: ['aten.lstm.input'],
  run: (args, ctx) => {
    const r = runRnn(args.tensor('input'), args.tensors('hx'), args.tensors('params'), config(args, 'lstm', ctx.threads));
    return [r.output, r.hN, r.cN];
  },
};

function single(op: string, cell: RnnCell): KernelDef {
  return {
    ops: [op],
    run: (args, ctx) => {
      const r = runRnn(args.tensor('input'), [args.tensor('hx')], args.tensors('params'), config(args, cell, ctx.threads));
      return [r.output, r.hN];
    },
  };
}

/** `aten.gru.input` -> (output, h_n). */
export const GRU = single('aten.gru.input', 'gru');
/** `aten.rnn_tanh.input` -> (output, h_n). */
export const RNN_TANH = single('aten.rnn_tanh.input', 'rnn_tanh');
/** `aten.rnn_relu.input` -> (output, h_n). */
export const RNN_RELU = single('aten.rnn_relu.input', 'rnn_relu');

// cnn_small partitioned between a claiming accelerator and the interpreter, shared by view tests.
import { join } from 'node:path';
import type { LoadedModel, PartitionView } from '@nativert/core';
import { ModelRunner, buildPartitionView, loadModel } from '@nativert/core';
import { MODEL_FIXTURES } from '../../e2e/paths.js';
import { ClaimingDelegate } from './claiming-delegate.js';

/** Ops the test accelerator claims: what a typical NPU offers (conv, linear, relu). */
export const ACCEL_OPS: ReadonlySet<string> = new Set(['aten.conv2d.default', 'aten.relu.default', 'aten.linear.default']);

/** The cnn_small model and its partition view on `accel` (ACCEL_OPS) then the interpreter. */
export async function cnnPartition(): Promise<{ model: LoadedModel; view: PartitionView }> {
  const model = await loadModel(join(MODEL_FIXTURES, 'torch-2.13', 'cnn_small.pt2'));
  const runner = await ModelRunner.load(model, { delegates: [new ClaimingDelegate('accel', ACCEL_OPS), '@nativert/interpreter'] });
  const view = buildPartitionView(model.program, runner.partitionReport, 'cnn_small');
  await runner.dispose();
  return { model, view };
}

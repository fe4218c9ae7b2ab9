import { expect } from 'chai';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Tensor } from '@nativert/core';
import { compareOutput, loadModel, loadSafetensors, ModelRunner, readManifest } from '@nativert/core';
import cudaPlugin, { openCuda } from '@nativert/cuda';

/** The corpus: carried with the repo copy on the GPU host (`.gpu/corpus` or `shared/corpus`), or the shared folder here. */
const CORPUS_DIRS = ['.gpu/corpus/torch-2.11', 'shared/corpus/torch-2.11', '../shared/corpus/torch-2.11', '/work/shared/corpus/torch-2.11'];
const CORPUS = CORPUS_DIRS.find((d) => existsSync(d));

/** Cases whose float32 nodes should run on the GPU, and whose outputs must match PyTorch's. */
const CASES = [
  'activations', 'add_broadcast', 'addmm_baddbmm', 'mm_bmm', 'matmul_broadcast', 'linear_nobias', 'mul_div', 'sub_scalar_alpha',
  'sqrt_rsqrt_recip', 'erf_expm1_log1p', 'pow_exp_log', 'unary_trig', 'softmax_logsoftmax', 'layer_norm', 'batch_norm_eval',
  'reductions', 'embedding', 'conv1d', 'conv2d_basic', 'conv2d_groups_dw', 'conv2d_stride_dil', 'max_pool2d', 'avg_pool2d',
  'adaptive_avg_pool', 'sdpa_causal', 'sdpa_mask', 'cat_stack', 'views_permute', 'split_chunk', 'slice_select_step', 'expand_repeat',
  'mlp_kwargs_dict', 'cnn_small', 'dynamic_batch', 'bert_tiny', 'gpt2_tiny_dynamic_seq', 'whisper_encoder_tiny',
];

/** Output leaves in pytree order (tuples/lists in order, dicts by insertion order). */
function leaves(v: unknown): unknown[] {
  if (Array.isArray(v)) return v.flatMap(leaves);
  if (v !== null && typeof v === 'object' && !('dtype' in v)) return Object.values(v).flatMap(leaves);
  return [v];
}

describe('cuda: on the GPU (corpus cases on cuda + interpreter vs PyTorch outputs)', function () {
  this.timeout(120000);
  before(async function () {
    const opened = await openCuda(0);
    if ('unavailable' in opened) {
      console.log(`    skipping GPU tests: ${opened.unavailable}`);
      this.skip();
    }
    if (!CORPUS) {
      console.log(`    skipping GPU tests: no corpus in ${CORPUS_DIRS.join(', ')}`);
      this.skip();
    }
    console.log(`    GPU: ${JSON.stringify(opened.cuda.info)}`);
  });

  for (const name of CASES) {
    it(name, async function () {
      const base = join(CORPUS!, name);
      if (!existsSync(`${base}.pt2`)) this.skip();
      const manifest = readManifest(`${base}.json`);
      const io = await loadSafetensors(`${base}.io.safetensors`);
      const runner = await ModelRunner.load(await loadModel(`${base}.pt2`, { modelName: manifest.modelName }), { delegates: [cudaPlugin, '@nativert/interpreter'] });
      try {
        const onCuda = runner.partitionReport.delegates.find((d) => d.delegate === 'cuda')?.nodes ?? 0;
        // Main inputs three times (eager, captured into a CUDA graph, replayed), then the alt set.
        for (const prefix of manifest.alt ? ['', '', '', 'alt.'] : ['', '', '']) {
          const args = manifest.args.map((k) => io.get(prefix + k)!);
          const kwargs = Object.fromEntries(manifest.kwargs.map((k) => [k, io.get(`${prefix}kw.${k}`)!]));
          const got = leaves(await runner.run(args, kwargs));
          const problems: string[] = [];
          manifest.outputs.forEach((key, i) => {
            const c = compareOutput(got[i], io.get(prefix + key) as Tensor, manifest.rtol, manifest.atol);
            if (!c.ok) problems.push(`${prefix}${key}: ${c.message}`);
          });
          expect(problems, `${name} (${onCuda} nodes on cuda)`).to.deep.equal([]);
        }
        expect(onCuda, `${name}: nodes on cuda`).to.be.greaterThan(0);
      } finally {
        await runner.dispose();
      }
    });
  }
});

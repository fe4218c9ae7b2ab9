// Prints what the cuda plugin finds on this host as JSON: the device and library files, or why it is unavailable.
import { openCuda } from '@nativert/cuda';

const t0 = performance.now();
const opened = await openCuda(Number(process.env.NATIVERT_CUDA_DEVICE ?? 0));
const ms = +(performance.now() - t0).toFixed(1);
console.log(JSON.stringify('cuda' in opened ? { available: true, openMs: ms, ...opened.cuda.info } : { available: false, reason: opened.unavailable }, null, 1));

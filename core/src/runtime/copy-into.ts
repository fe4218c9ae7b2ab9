import { ErrorCode } from '../errors/error-code.js';
import { NativertError } from '../errors/nativert-error.js';
import { lanes } from '../tensor/dtype.js';
import type { Tensor } from '../tensor/tensor.js';
import { forEachOffset } from '../tensor/tensor.js';

/**
 * Copies the elements of `src` into `dst` in place (both host tensors of one dtype and element
 * count, any strides), as PyTorch's `copy_` does for a mutated user input. `what` names `dst`.
 */
export function copyInto(dst: Tensor, src: Tensor, what: string): void {
  if (dst.dtype !== src.dtype || dst.numel !== src.numel) {
    throw new NativertError(ErrorCode.Internal, `cannot write back ${what}: holds ${dst.dtype} [${dst.shape.join(', ')}], new value is ${src.dtype} [${src.shape.join(', ')}]`);
  }
  const from = src.data() as ArrayLike<unknown>;
  const to = dst.data() as unknown as { [i: number]: unknown };
  const l = lanes(dst.dtype);
  const offsets: number[] = [];
  forEachOffset(src, (o) => offsets.push(o));
  let j = 0;
  forEachOffset(dst, (o) => {
    const s = offsets[j++]!;
    for (let k = 0; k < l; k++) to[o * l + k] = from[s * l + k];
  });
}

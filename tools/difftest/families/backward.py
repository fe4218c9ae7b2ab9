"""Backward ops of the core opset called directly, beyond the one-per-op cases of conv_pool and norm:
plain/transposed/grouped convolution of 1-3 spatial dims, pooling gradients with padding, ceil mode and
their forward's own indices, norm gradients without affine parameters. (Masked-off outputs are
undefined tensors PyTorch cannot return to Python; the unit tests cover output_mask.)"""
import torch

from difftest_lib import F64, Case, rnd

A = torch.ops.aten
TOL = {"rtol": 1e-4, "atol": 1e-4}


def cases():
    out = []

    def add(op, name, fn, inputs, **kw):
        out.append(Case("aten." + op, name, fn, inputs, **{**TOL, **kw}))

    cb = "convolution_backward.default"
    add(cb, "1d_stride_dil", lambda g, x, w: A.convolution_backward.default(g, x, w, [4], [2], [1], [2], False, [0], 1, [True, True, True]), (rnd([2, 4, 5]), rnd([2, 3, 11]), rnd([4, 3, 3])))
    add(cb, "2d_groups_pad", lambda g, x, w: A.convolution_backward.default(g, x, w, [4], [1, 2], [1, 0], [1, 1], False, [0, 0], 2, [True, True, True]), (rnd([1, 4, 5, 2]), rnd([1, 6, 5, 6]), rnd([4, 3, 3, 3])))
    add(cb, "2d_f64_no_bias", lambda g, x, w: A.convolution_backward.default(g, x, w, None, [1, 1], [0, 0], [1, 1], False, [0, 0], 1, [True, True, False])[:2], (rnd([2, 2, 3, 3], F64), rnd([2, 3, 4, 4], F64), rnd([2, 3, 2, 2], F64)))
    add(cb, "3d", lambda g, x, w: A.convolution_backward.default(g, x, w, [2], [1, 1, 1], [1, 1, 1], [1, 1, 1], False, [0, 0, 0], 1, [True, True, True]), (rnd([1, 2, 3, 3, 2]), rnd([1, 2, 3, 3, 2]), rnd([2, 2, 3, 3, 3])))
    add(cb, "transposed_2d", lambda g, x, w: A.convolution_backward.default(g, x, w, [3], [2, 2], [1, 0], [1, 1], True, [1, 0], 1, [True, True, True]), (rnd([1, 3, 6, 7]), rnd([1, 2, 3, 3]), rnd([2, 3, 3, 3])))
    add(cb, "transposed_groups_dil", lambda g, x, w: A.convolution_backward.default(g, x, w, [2], [1], [0], [2], True, [0], 2, [True, True, True]), (rnd([2, 2, 9]), rnd([2, 4, 5]), rnd([4, 1, 3])))
    add(cb, "input_only", lambda g, x, w: A.convolution_backward.default(g, x, w, None, [1, 1], [1, 1], [1, 1], False, [0, 0], 1, [True, False, False])[0], (rnd([1, 2, 4, 4]), rnd([1, 3, 4, 4]), rnd([2, 3, 3, 3])))
    mp = "max_pool2d_with_indices_backward.default"

    def max_bwd(x, g, k, s, p, d, ceil):
        _, idx = A.max_pool2d_with_indices.default(x, k, s, p, d, ceil)
        return A.max_pool2d_with_indices_backward.default(g, x, k, s, p, d, ceil, idx)

    add(mp, "overlapping_pad_ceil", lambda x, g: max_bwd(x, g, [3, 3], [2, 2], [1, 1], [1, 1], True), (rnd([2, 2, 6, 5], dom="distinct"), rnd([2, 2, 4, 3])))
    add(mp, "dilated_3d_input", lambda x, g: max_bwd(x, g, [2, 2], [1, 1], [0, 0], [2, 2], False), (rnd([3, 5, 5], dom="distinct"), rnd([3, 3, 3])))

    def max3_bwd(x, g):
        _, idx = A.max_pool3d_with_indices.default(x, [2, 2, 2], [2, 2, 2])
        return A.max_pool3d_with_indices_backward.default(g, x, [2, 2, 2], [2, 2, 2], [0, 0, 0], [1, 1, 1], False, idx)

    add("max_pool3d_with_indices_backward.default", "direct", max3_bwd, (rnd([1, 2, 4, 4, 4], dom="distinct"), rnd([1, 2, 2, 2, 2])))
    ap = "avg_pool2d_backward.default"
    add(ap, "pad_ceil", lambda g, x: A.avg_pool2d_backward.default(g, x, [3, 3], [2, 2], [1, 1], True, True, None), (rnd([1, 2, 4, 3]), rnd([1, 2, 6, 5])))
    add(ap, "no_count_pad", lambda g, x: A.avg_pool2d_backward.default(g, x, [3, 2], [2, 1], [1, 1], False, False, None), (rnd([2, 3, 6]), rnd([2, 5, 5])))
    add(ap, "divisor", lambda g, x: A.avg_pool2d_backward.default(g, x, [2, 2], [], [0, 0], False, True, 3), (rnd([1, 1, 2, 2]), rnd([1, 1, 4, 5])))
    add("avg_pool3d_backward.default", "pad", lambda g, x: A.avg_pool3d_backward.default(g, x, [2, 2, 2], [2, 2, 2], [1, 1, 1], False, False, None), (rnd([1, 1, 3, 3, 2]), rnd([1, 1, 4, 4, 3])))
    add("_adaptive_avg_pool2d_backward.default", "uneven_3d_input", lambda g, x: A._adaptive_avg_pool2d_backward.default(g, x), (rnd([2, 3, 4]), rnd([2, 7, 5])))
    add("_adaptive_avg_pool2d_backward.default", "f64_upsample", lambda g, x: A._adaptive_avg_pool2d_backward.default(g, x), (rnd([1, 1, 5, 4], F64), rnd([1, 1, 3, 3], F64)))
    add("_adaptive_avg_pool3d_backward.default", "direct", lambda g, x: A._adaptive_avg_pool3d_backward.default(g, x), (rnd([1, 2, 2, 3, 2]), rnd([1, 2, 3, 5, 4])))
    lb = "native_layer_norm_backward.default"
    add(lb, "two_dims", lambda g, x, m, r, w, b: A.native_layer_norm_backward.default(g, x, [3, 4], m, r, w, b, [True, True, True]),
        (rnd([2, 3, 4]), rnd([2, 3, 4]), rnd([2, 1, 1]), rnd([2, 1, 1], dom="pos"), rnd([3, 4]), rnd([3, 4])))
    add(lb, "no_affine", lambda g, x, m, r: A.native_layer_norm_backward.default(g, x, [5], m, r, None, None, [True, False, False])[0],
        (rnd([3, 5]), rnd([3, 5]), rnd([3, 1]), rnd([3, 1], dom="pos")))

    def ln_roundtrip(g, x, w, b):
        _, m, r = A.native_layer_norm.default(x, [6], w, b, 1e-5)
        return A.native_layer_norm_backward.default(g, x, [6], m, r, w, b, [True, True, True])

    add(lb, "from_forward_f64", ln_roundtrip, (rnd([4, 6], F64), rnd([4, 6], F64), rnd([6], F64), rnd([6], F64)))
    gb = "native_group_norm_backward.default"
    def gn_roundtrip(g, x, w, b):
        _, m, r = A.native_group_norm.default(x, w, b, 3, 4, 6, 2, 1e-5)
        return A.native_group_norm_backward.default(g, x, m, r, w, 3, 4, 6, 2, [True, True, True])

    add(gb, "from_forward", gn_roundtrip, (rnd([3, 4, 2, 3]), rnd([3, 4, 2, 3]), rnd([4]), rnd([4])))
    add("col2im.default", "dilated_batched", lambda x: A.col2im.default(x, [5, 6], [2, 2], [2, 1], [1, 0], [1, 2]), (rnd([2, 12, 15]),))
    add("col2im.default", "unbatched", lambda x: A.col2im.default(x, [3, 3], [2, 2], [1, 1], [0, 0], [1, 1]), (rnd([4, 4]),))
    return out

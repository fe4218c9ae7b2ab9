"""Convolutions (1d/2d/3d, transposed, groups, dilation, padding modes), pooling, upsampling, grid
sampling, fold/unfold, and the backward ops of the core opset called directly."""
import torch
import torch.nn.functional as F

from difftest_lib import F16, F64, Case, rnd

A = torch.ops.aten
TOL = {"rtol": 1e-4, "atol": 1e-4}


def cases():
    out = []

    def add(op, name, fn, inputs, **kw):
        out.append(Case("aten." + op, name, fn, inputs, **{**TOL, **kw}))

    add("conv2d.default", "basic", F.conv2d, (rnd([1, 2, 5, 5]), rnd([3, 2, 3, 3]), rnd([3])), core=True)
    add("conv2d.default", "stride_pad", lambda x, w, b: F.conv2d(x, w, b, stride=2, padding=1), (rnd([2, 3, 7, 6]), rnd([4, 3, 3, 3]), rnd([4])))
    add("conv2d.default", "dilation_nobias", lambda x, w: F.conv2d(x, w, dilation=2, padding=(2, 1)), (rnd([1, 2, 7, 7]), rnd([2, 2, 3, 2])))
    add("conv2d.default", "groups", lambda x, w, b: F.conv2d(x, w, b, groups=2), (rnd([1, 4, 5, 5]), rnd([6, 2, 3, 3]), rnd([6])))
    add("conv2d.default", "depthwise", lambda x, w: F.conv2d(x, w, groups=3, padding=1), (rnd([1, 3, 4, 4]), rnd([3, 1, 3, 3])), core=True)
    add("conv2d.default", "same", lambda x, w: F.conv2d(x, w, padding="same"), (rnd([1, 2, 6, 5]), rnd([2, 2, 4, 3])))
    add("conv2d.default", "params", lambda x, w, b: F.conv2d(x, w, b, padding=1), (rnd([1, 3, 4, 4]),), state={"w": rnd([2, 3, 3, 3]), "b": rnd([2])})
    add("conv2d.default", "unbatched", lambda x, w: F.conv2d(x, w), (rnd([2, 4, 4]), rnd([3, 2, 2, 2])))
    add("conv2d.default", "f64", F.conv2d, (rnd([1, 2, 4, 4], F64), rnd([2, 2, 2, 2], F64)))
    add("conv2d.default", "f16", F.conv2d, (rnd([1, 2, 4, 4], F16), rnd([2, 2, 2, 2], F16)), rtol=2e-2, atol=2e-2)
    add("conv2d.default", "channels_last_view", lambda x, w: F.conv2d(x.permute(0, 3, 1, 2), w), (rnd([1, 5, 5, 2]), rnd([3, 2, 3, 3])))
    add("conv1d.default", "basic", lambda x, w, b: F.conv1d(x, w, b, padding=1), (rnd([2, 3, 8]), rnd([4, 3, 3]), rnd([4])), core=True)
    add("conv1d.default", "stride_dil_groups", lambda x, w: F.conv1d(x, w, stride=2, dilation=2, groups=2), (rnd([1, 4, 11]), rnd([2, 2, 3])))
    add("conv3d.default", "basic", lambda x, w, b: F.conv3d(x, w, b, padding=1), (rnd([1, 2, 3, 4, 4]), rnd([2, 2, 3, 3, 3]), rnd([2])))
    add("conv_transpose2d.input", "basic", F.conv_transpose2d, (rnd([1, 2, 3, 3]), rnd([2, 3, 3, 3]), rnd([3])), core=True)
    add("conv_transpose2d.input", "stride_pad_outpad", lambda x, w, b: F.conv_transpose2d(x, w, b, stride=2, padding=1, output_padding=1), (rnd([1, 2, 3, 4]), rnd([2, 3, 3, 3]), rnd([3])))
    add("conv_transpose2d.input", "groups_dil", lambda x, w: F.conv_transpose2d(x, w, groups=2, dilation=2), (rnd([2, 4, 3, 3]), rnd([4, 1, 2, 2])))
    add("conv_transpose1d.default", "basic", lambda x, w: F.conv_transpose1d(x, w, stride=2), (rnd([1, 2, 5]), rnd([2, 3, 3])))
    add("convolution.default", "direct", lambda x, w, b: A.convolution.default(x, w, b, [1, 2], [1, 0], [1, 1], False, [0, 0], 1), (rnd([1, 2, 5, 6]), rnd([3, 2, 3, 3]), rnd([3])))
    add("convolution.default", "transposed", lambda x, w: A.convolution.default(x, w, None, [2, 2], [0, 1], [1, 1], True, [1, 0], 1), (rnd([1, 2, 3, 3]), rnd([2, 2, 3, 3])))
    add("convolution_backward.default", "2d", lambda g, x, w: A.convolution_backward.default(g, x, w, [3], [1, 1], [1, 1], [1, 1], False, [0, 0], 1, [True, True, True]), (rnd([1, 3, 4, 4]), rnd([1, 2, 4, 4]), rnd([3, 2, 3, 3])))
    # pooling
    add("max_pool2d.default", "k2", lambda x: F.max_pool2d(x, 2), (rnd([1, 2, 4, 6]),), core=True)
    add("max_pool2d.default", "k3s2p1", lambda x: F.max_pool2d(x, 3, 2, 1), (rnd([2, 1, 5, 5]),))
    add("max_pool2d.default", "ceil_dil", lambda x: F.max_pool2d(x, 2, 2, 0, dilation=2, ceil_mode=True), (rnd([1, 1, 7, 6]),))
    add("max_pool2d.default", "neg_inf", lambda x: F.max_pool2d(x, 2, 1, 1), (torch.full([1, 1, 2, 2], -1e30),))
    add("max_pool2d_with_indices.default", "direct", lambda x: A.max_pool2d_with_indices.default(x, [2, 2], [2, 1], [1, 0]), (rnd([1, 2, 5, 5], dom="distinct"),))
    add("max_pool2d_with_indices_backward.default", "direct", lambda g, x, i: A.max_pool2d_with_indices_backward.default(g, x, [2, 2], [2, 2], [0, 0], [1, 1], False, i),
        (rnd([1, 1, 2, 2]), rnd([1, 1, 4, 4]), torch.tensor([[[[0, 3], [9, 14]]]])))
    add("max_pool3d_with_indices.default", "direct", lambda x: A.max_pool3d_with_indices.default(x, [2, 2, 2], [2, 2, 2]), (rnd([1, 1, 4, 4, 4], dom="distinct"),))
    add("max_pool1d.default", "k2", lambda x: F.max_pool1d(x, 2), (rnd([1, 2, 7]),), core=True)
    add("avg_pool2d.default", "k2", lambda x: F.avg_pool2d(x, 2), (rnd([1, 2, 4, 6]),))
    add("avg_pool2d.default", "pad_ceil", lambda x: F.avg_pool2d(x, 3, 2, 1, ceil_mode=True), (rnd([1, 1, 6, 5]),))
    add("avg_pool2d.default", "no_count_pad", lambda x: F.avg_pool2d(x, 3, 2, 1, count_include_pad=False), (rnd([1, 1, 5, 5]),))
    add("avg_pool2d.default", "divisor", lambda x: F.avg_pool2d(x, 2, divisor_override=3), (rnd([1, 1, 4, 4]),))
    add("avg_pool2d_backward.default", "direct", lambda g, x: A.avg_pool2d_backward.default(g, x, [2, 2], [2, 2], [0, 0], False, True, None), (rnd([1, 1, 2, 2]), rnd([1, 1, 4, 4])))
    add("avg_pool3d.default", "k2", lambda x: F.avg_pool3d(x, 2), (rnd([1, 1, 4, 4, 4]),))
    add("avg_pool1d.default", "k3", lambda x: F.avg_pool1d(x, 3, 2, 1), (rnd([1, 2, 7]),), core=True)
    add("adaptive_avg_pool2d.default", "to1", lambda x: F.adaptive_avg_pool2d(x, 1), (rnd([2, 3, 4, 5]),), core=True)
    add("adaptive_avg_pool2d.default", "uneven", lambda x: F.adaptive_avg_pool2d(x, (3, 2)), (rnd([1, 2, 5, 7]),), core=True)
    add("_adaptive_avg_pool2d.default", "direct", lambda x: A._adaptive_avg_pool2d.default(x, [2, 3]), (rnd([1, 2, 5, 7]),))
    add("_adaptive_avg_pool2d_backward.default", "direct", lambda g, x: A._adaptive_avg_pool2d_backward.default(g, x), (rnd([1, 2, 2, 3]), rnd([1, 2, 5, 7])))
    add("adaptive_avg_pool3d.default", "uneven", lambda x: F.adaptive_avg_pool3d(x, (2, 1, 3)), (rnd([1, 1, 3, 4, 5]),))
    add("_adaptive_avg_pool3d.default", "direct", lambda x: A._adaptive_avg_pool3d.default(x, [2, 2, 2]), (rnd([1, 2, 3, 4, 5]),))
    add("adaptive_max_pool2d.default", "uneven", lambda x: F.adaptive_max_pool2d(x, (2, 3)), (rnd([1, 2, 5, 7]),))
    # upsampling
    add("upsample_nearest2d.vec", "scale2", lambda x: F.interpolate(x, scale_factor=2, mode="nearest"), (rnd([1, 2, 3, 4]),), core=True)
    add("upsample_nearest2d.vec", "size", lambda x: F.interpolate(x, size=(5, 7), mode="nearest"), (rnd([1, 1, 3, 4]),))
    add("upsample_nearest2d.vec", "down", lambda x: F.interpolate(x, size=(2, 3), mode="nearest"), (rnd([1, 1, 5, 7]),))
    add("upsample_bilinear2d.vec", "scale2", lambda x: F.interpolate(x, scale_factor=2, mode="bilinear"), (rnd([1, 2, 3, 4]),), core=True)
    add("upsample_bilinear2d.vec", "align_corners", lambda x: F.interpolate(x, size=(5, 7), mode="bilinear", align_corners=True), (rnd([1, 1, 3, 4]),))
    add("upsample_bilinear2d.vec", "down", lambda x: F.interpolate(x, size=(2, 3), mode="bilinear"), (rnd([1, 1, 5, 7]),))
    add("upsample_bilinear2d.vec", "scale_frac", lambda x: F.interpolate(x, scale_factor=1.5, mode="bilinear"), (rnd([1, 1, 4, 4]),))
    add("upsample_nearest1d.vec", "scale3", lambda x: F.interpolate(x, scale_factor=3, mode="nearest"), (rnd([1, 2, 4]),))
    add("upsample_bicubic2d.vec", "scale2", lambda x: F.interpolate(x, scale_factor=2, mode="bicubic"), (rnd([1, 1, 3, 3]),))
    add("grid_sampler_2d.default", "bilinear", lambda x, g: F.grid_sample(x, g, align_corners=False), (rnd([1, 2, 4, 5]), rnd([1, 3, 3, 2], dom="unit") * 1.2), core=True)
    add("grid_sampler_2d.default", "direct_bicubic", lambda x, g: A.grid_sampler_2d.default(x, g, 2, 0, False), (rnd([1, 1, 4, 4]), rnd([1, 2, 3, 2], dom="unit")))
    add("grid_sampler_2d.default", "direct_zeros_nearest", lambda x, g: A.grid_sampler_2d.default(x, g, 1, 0, True), (rnd([1, 2, 3, 3]), rnd([1, 2, 2, 2], dom="unit") * 1.4))
    add("grid_sampler_2d.default", "nearest_border", lambda x, g: F.grid_sample(x, g, mode="nearest", padding_mode="border", align_corners=True), (rnd([1, 1, 4, 4]), rnd([1, 2, 5, 2], dom="unit") * 1.3))
    add("grid_sampler_2d.default", "reflection", lambda x, g: F.grid_sample(x, g, padding_mode="reflection", align_corners=False), (rnd([2, 1, 3, 3]), rnd([2, 2, 2, 2], dom="unit") * 1.5))
    add("col2im.default", "fold", lambda x: F.fold(x, (4, 5), (2, 2)), (rnd([1, 8, 12]),))
    add("col2im.default", "fold_stride_pad", lambda x: F.fold(x, (4, 4), (3, 3), padding=1, stride=2), (rnd([1, 9, 4]),))
    add("im2col.default", "unfold", lambda x: F.unfold(x, (2, 3), padding=1, stride=(1, 2)), (rnd([1, 2, 4, 5]),), core=True)
    add("pixel_shuffle.default", "r2", lambda x: F.pixel_shuffle(x, 2), (rnd([1, 8, 2, 3]),), core=True)
    return out

"""Overloads the export IR keeps that the other families do not reach: dtype/in-place variants of the
matmul family, order statistics, scans, norms, tensor_split and friends, convolution's internal forms,
and the recurrent ops (lstm, gru, rnn) called directly with their flat weight lists."""
import torch
import torch.nn.functional as F

from difftest_lib import BOOL, I64, Case, rnd

A = torch.ops.aten
TOL = {"rtol": 1e-4, "atol": 1e-4}


def rnn_weights(gates, inp, hid, layers, bidir):
    """Flat weight list of torch's rnn ops: per layer and direction w_ih, w_hh, b_ih, b_hh."""
    state = {}
    dirs = 2 if bidir else 1
    for layer in range(layers):
        for d in range(dirs):
            n_in = inp if layer == 0 else hid * dirs
            sfx = f"l{layer}d{d}"
            state[f"w_ih_{sfx}"] = rnd([gates * hid, n_in]) * 0.4
            state[f"w_hh_{sfx}"] = rnd([gates * hid, hid]) * 0.4
            state[f"b_ih_{sfx}"] = rnd([gates * hid]) * 0.4
            state[f"b_hh_{sfx}"] = rnd([gates * hid]) * 0.4
    return state


def cases():
    out = []

    def add(op, name, fn, inputs, **kw):
        out.append(Case("aten." + op, name, fn, inputs, **{**TOL, **kw}))

    add("_convolution.default", "direct", lambda x, w, b: A._convolution.default(x, w, b, [1, 1], [1, 1], [1, 1], False, [0, 0], 1, False, False, True, True), (rnd([1, 2, 4, 4]), rnd([3, 2, 3, 3]), rnd([3])))
    add("_convolution.deprecated", "direct", lambda x, w: A._convolution.deprecated(x, w, None, [2], [0], [1], True, [1], 1, False, False, True), (rnd([1, 2, 4]), rnd([2, 3, 3])))
    add("conv1d.padding", "same", lambda x, w: F.conv1d(x, w, padding="same", dilation=2), (rnd([1, 2, 7]), rnd([3, 2, 3])))
    add("conv3d.padding", "valid", lambda x, w: F.conv3d(x, w, padding="valid"), (rnd([1, 1, 3, 3, 3]), rnd([2, 1, 2, 2, 2])))
    add("conv_transpose3d.input", "stride", lambda x, w: F.conv_transpose3d(x, w, stride=2), (rnd([1, 2, 2, 2, 2]), rnd([2, 1, 2, 2, 2])))
    add("_fused_rms_norm.default", "direct", lambda x, w: A._fused_rms_norm.default(x, [4], w, 1e-5), (rnd([2, 4]), rnd([4])))
    add("native_batch_norm.default", "eval", lambda x, w, b, rm, rv: A.native_batch_norm.default(x, w, b, rm, rv, False, 0.1, 1e-5)[0], (rnd([2, 3, 2]), rnd([3]), rnd([3]), rnd([3]), rnd([3], dom="pos")))
    add("_unsafe_view.default", "direct", lambda x: A._unsafe_view.default(x * 1, [3, 4]), (rnd([2, 6]),))
    add("adaptive_avg_pool1d.default", "uneven", lambda x: F.adaptive_avg_pool1d(x, 3), (rnd([1, 2, 7]),))
    add("adaptive_max_pool1d.default", "uneven", lambda x: F.adaptive_max_pool1d(x, 3), (rnd([1, 2, 7], dom="distinct"),))
    add("adaptive_max_pool3d.default", "uneven", lambda x: F.adaptive_max_pool3d(x, (2, 1, 2), return_indices=True), (rnd([1, 1, 3, 2, 5], dom="distinct"),))
    add("max_pool3d.default", "k2", lambda x: F.max_pool3d(x, 2, 1), (rnd([1, 1, 3, 3, 3]),))
    add("addbmm.default", "ab", lambda c, a, b: torch.addbmm(c, a, b, beta=0.5, alpha=2.0), (rnd([3, 4]), rnd([2, 3, 5]), rnd([2, 5, 4])))
    add("addbmm_.default", "inplace", lambda c, a, b: (c * 1).addbmm_(a, b), (rnd([3, 4]), rnd([2, 3, 5]), rnd([2, 5, 4])))
    add("addmm_.default", "inplace", lambda c, a, b: (c * 1).addmm_(a, b, alpha=0.5), (rnd([3, 4]), rnd([3, 5]), rnd([5, 4])))
    add("baddbmm_.default", "inplace", lambda c, a, b: (c * 1).baddbmm_(a, b), (rnd([2, 3, 4]), rnd([2, 3, 5]), rnd([2, 5, 4])))
    add("addmv.default", "ab", lambda c, a, v: torch.addmv(c, a, v, beta=2.0, alpha=0.5), (rnd([3]), rnd([3, 5]), rnd([5])))
    add("addmv_.default", "inplace", lambda c, a, v: (c * 1).addmv_(a, v), (rnd([3]), rnd([3, 5]), rnd([5])))
    add("mv.default", "m", torch.mv, (rnd([3, 5]), rnd([5])))
    add("dot.default", "d", torch.dot, (rnd([6]), rnd([6])))
    add("dot.default", "i64", torch.dot, (rnd([6], I64), rnd([6], I64)))
    add("vdot.default", "d", torch.vdot, (rnd([6]), rnd([6])))
    add("ger.default", "g", torch.ger, (rnd([3]), rnd([4])))
    add("outer.default", "o", torch.outer, (rnd([3]), rnd([2])))
    add("aminmax.default", "dim", lambda x: torch.aminmax(x, dim=1), (rnd([3, 4]),))
    add("aminmax.default", "all", lambda x: torch.aminmax(x), (rnd([3, 4]),))
    add("count_nonzero.default", "all", torch.count_nonzero, (torch.tensor([[0.0, 1.0, -0.0], [2.0, 0.0, float("nan")]]),))
    add("count_nonzero.dim_IntList", "dims", lambda x: torch.count_nonzero(x, (0, 2)), (rnd([2, 3, 2], I64),))
    add("cummax.default", "c", lambda x: torch.cummax(x, 1), (rnd([3, 5], dom="distinct"),))
    add("cummin.default", "c", lambda x: torch.cummin(x, 0), (rnd([4, 2], dom="distinct"),))
    add("logcumsumexp.default", "l", lambda x: torch.logcumsumexp(x, -1), (rnd([2, 5]),))
    add("median.default", "odd", torch.median, (rnd([7], dom="distinct"),))
    add("median.default", "even_lower", torch.median, (rnd([2, 3], dom="distinct"),))
    add("median.dim", "dim", lambda x: torch.median(x, 1), (rnd([3, 5], dom="distinct"),))
    add("nanmedian.default", "nan", torch.nanmedian, (torch.tensor([3.0, float("nan"), 1.0, 2.0]),))
    add("nanmedian.dim", "dim", lambda x: torch.nanmedian(x, 0), (torch.tensor([[1.0, float("nan")], [3.0, 2.0], [float("nan"), 0.5]]),))
    add("mode.default", "m", lambda x: torch.mode(x, 1), (torch.tensor([[1, 2, 2, 3], [4, 4, 1, 1]]),), loose_outputs=(1,))
    add("nansum.default", "n", torch.nansum, (torch.tensor([1.0, float("nan"), 2.5]),))
    add("all.dims", "d", lambda x: A.all.dims(x, [0, 1]), (rnd([2, 2, 3], BOOL),))
    add("all.default", "f32", torch.all, (torch.tensor([1.0, float("nan"), -0.5]),))
    add("detach.default", "d", lambda x: A.detach.default(x) * 2, (rnd([3]),))
    add("frobenius_norm.dim", "f", lambda x: A.frobenius_norm.dim(x, [0, 1]), (rnd([3, 4]),))
    add("norm.Scalar", "p2", lambda x: A.norm.Scalar(x, 2), (rnd([3, 4]),))
    add("norm.ScalarOpt_dim", "p1", lambda x: A.norm.ScalarOpt_dim(x, 1, [1], True), (rnd([3, 4]),))
    add("norm.ScalarOpt_dim_dtype", "p2_f64", lambda x: A.norm.ScalarOpt_dim_dtype(x, 2, [0], False, dtype=torch.float64), (rnd([3, 4]),))
    add("norm.ScalarOpt_dtype", "p3_f64", lambda x: A.norm.ScalarOpt_dtype(x, 3, dtype=torch.float64), (rnd([3, 4]),))
    add("std.default", "s", lambda x: A.std.default(x), (rnd([3, 4]),))
    add("std.dim", "s", lambda x: A.std.dim(x, [1], False, True), (rnd([3, 4]),))
    add("var.default", "v", lambda x: A.var.default(x, False), (rnd([3, 4]),))
    add("var_mean.default", "v", lambda x: A.var_mean.default(x), (rnd([3, 4]),))
    add("var_mean.dim", "v", lambda x: A.var_mean.dim(x, [0], True, True), (rnd([3, 4]),))
    add("std_mean.correction", "s", lambda x: torch.std_mean(x, 1, correction=0), (rnd([3, 4]),))
    add("std_mean.default", "s", lambda x: A.std_mean.default(x), (rnd([3, 4]),))
    add("std_mean.dim", "s", lambda x: A.std_mean.dim(x, [1], True, False), (rnd([3, 4]),))
    add("tensor_split.sections", "uneven", lambda x: torch.tensor_split(x, 3, 1), (rnd([2, 7]),))
    add("tensor_split.indices", "idx", lambda x: torch.tensor_split(x, [1, 4], 0), (rnd([6, 2]),))
    add("tensor_split.tensor_indices_or_sections", "t", lambda x: A.tensor_split.tensor_indices_or_sections(x, torch.tensor(2), 0), (rnd([5]),))
    add("unfold.default", "u", lambda x: x.unfold(1, 3, 2) * 1, (rnd([2, 7]),))
    add("unsafe_chunk.default", "u", lambda x: torch.unsafe_chunk(x, 2, 1), (rnd([3, 5]),))
    add("unsafe_split_with_sizes.default", "u", lambda x: torch.unsafe_split_with_sizes(x, [1, 2], 0), (rnd([3, 2]),))
    add("vstack.default", "v", lambda a, b: torch.vstack([a, b]), (rnd([3]), rnd([2, 3])))
    add("as_strided_scatter.default", "a", lambda x, s: torch.as_strided_scatter(x, s, (2, 2), (3, 1), 1), (rnd([8]), rnd([2, 2])))
    b, t, i, h = 2, 3, 3, 4
    lw = rnn_weights(4, i, h, 1, False)
    add("lstm.input", "one_layer", lambda x, h0, c0, *w: A.lstm.input(x, [h0, c0], list(w), True, 1, 0.0, False, False, True), (rnd([b, t, i]), rnd([1, b, h]), rnd([1, b, h])), state=lw)
    lw2 = rnn_weights(4, i, h, 2, True)
    add("lstm.input", "two_layer_bidir", lambda x, h0, c0, *w: A.lstm.input(x, [h0, c0], list(w), True, 2, 0.0, False, True, False), (rnd([t, b, i]), rnd([4, b, h]), rnd([4, b, h])), state=lw2)
    gw = rnn_weights(3, i, h, 1, False)
    add("gru.input", "one_layer", lambda x, h0, *w: A.gru.input(x, h0, list(w), True, 1, 0.0, False, False, True), (rnd([b, t, i]), rnd([1, b, h])), state=gw)
    rw = rnn_weights(1, i, h, 1, False)
    add("rnn_tanh.input", "one_layer", lambda x, h0, *w: A.rnn_tanh.input(x, h0, list(w), True, 1, 0.0, False, False, True), (rnd([b, t, i]), rnd([1, b, h])), state=rw)
    add("rnn_relu.input", "one_layer", lambda x, h0, *w: A.rnn_relu.input(x, h0, list(w), True, 1, 0.0, False, False, False), (rnd([t, b, i]), rnd([1, b, h])), state=rw)
    return out

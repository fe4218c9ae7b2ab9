"""Normalizations (batch, layer, group; eval and training forms; their native/core ops and backwards),
attention, dropout in eval mode."""
import torch
import torch.nn.functional as F

from difftest_lib import BF16, F16, F64, Case, rnd

A = torch.ops.aten
TOL = {"rtol": 1e-4, "atol": 1e-4}


def cases():
    out = []

    def add(op, name, fn, inputs, **kw):
        out.append(Case("aten." + op, name, fn, inputs, **{**TOL, **kw}))

    def bn_state(c):
        return {"w": rnd([c]), "b": rnd([c]), "rm": rnd([c]), "rv": rnd([c], dom="pos")}

    add("batch_norm.default", "eval", lambda x, w, b, rm, rv: F.batch_norm(x, rm, rv, w, b, False, 0.1, 1e-5), (rnd([2, 3, 4, 4]),), state=bn_state(3), core=True)
    add("batch_norm.default", "eval_1d", lambda x, w, b, rm, rv: F.batch_norm(x, rm, rv, w, b, False, 0.1, 1e-3), (rnd([4, 5]),), state=bn_state(5))
    add("batch_norm.default", "eval_noaffine", lambda x, rm, rv: F.batch_norm(x, rm, rv, None, None, False, 0.1, 1e-5), (rnd([2, 3, 5]),), state={"rm": rnd([3]), "rv": rnd([3], dom="pos")})
    add("batch_norm.default", "train_updates_stats", lambda x, w, b, rm, rv: (F.batch_norm(x, rm, rv, w, b, True, 0.1, 1e-5), rm + 0, rv + 0), (rnd([4, 3, 2, 2]),), state=bn_state(3), core=True)
    add("batch_norm.default", "train_no_stats", lambda x: F.batch_norm(x, None, None, None, None, True, 0.1, 1e-5), (rnd([4, 3, 3]),), core=True)
    add("_native_batch_norm_legit_no_training.default", "direct", lambda x, w, b, rm, rv: A._native_batch_norm_legit_no_training.default(x, w, b, rm, rv, 0.1, 1e-5), (rnd([2, 3, 4]),), state=bn_state(3))
    add("_native_batch_norm_legit.default", "direct", lambda x, w, b, rm, rv: (A._native_batch_norm_legit.default(x, w, b, rm, rv, True, 0.1, 1e-5), rm + 0, rv + 0), (rnd([4, 3, 2]),), state=bn_state(3))
    add("_native_batch_norm_legit.no_stats", "direct", lambda x, w, b: A._native_batch_norm_legit.no_stats(x, w, b, True, 0.1, 1e-5), (rnd([3, 2, 5]),), state={"w": rnd([2]), "b": rnd([2])})
    add("layer_norm.default", "last", lambda x, w, b: F.layer_norm(x, [4], w, b), (rnd([2, 3, 4]),), state={"w": rnd([4]), "b": rnd([4])}, core=True)
    add("layer_norm.default", "two_dims", lambda x: F.layer_norm(x, [3, 4], eps=1e-3), (rnd([2, 3, 4]),), core=True)
    add("layer_norm.default", "f16", lambda x, w, b: F.layer_norm(x, [8], w, b), (rnd([2, 8], F16), rnd([8], F16), rnd([8], F16)), rtol=2e-2, atol=2e-2)
    add("layer_norm.default", "bf16", lambda x: F.layer_norm(x, [8]), (rnd([3, 8], BF16),), rtol=3e-2, atol=3e-2)
    add("layer_norm.default", "f64", lambda x: F.layer_norm(x, [5]), (rnd([2, 5], F64),))
    add("layer_norm.default", "transposed", lambda x: F.layer_norm(x.transpose(0, 1), [3]), (rnd([3, 4]),))
    add("native_layer_norm.default", "direct", lambda x, w, b: A.native_layer_norm.default(x, [4], w, b, 1e-5), (rnd([3, 4]), rnd([4]), rnd([4])))
    add("native_layer_norm_backward.default", "direct", lambda g, x, mean, rstd, w, b: A.native_layer_norm_backward.default(g, x, [4], mean, rstd, w, b, [True, True, True]),
        (rnd([3, 4]), rnd([3, 4]), rnd([3, 1]), rnd([3, 1], dom="pos"), rnd([4]), rnd([4])))
    add("group_norm.default", "g2", lambda x, w, b: F.group_norm(x, 2, w, b), (rnd([2, 4, 3, 3]),), state={"w": rnd([4]), "b": rnd([4])}, core=True)
    add("group_norm.default", "g1_noaffine", lambda x: F.group_norm(x, 1, eps=1e-3), (rnd([2, 3, 5]),), core=True)
    add("group_norm.default", "g_eq_c", lambda x: F.group_norm(x, 4), (rnd([1, 4, 2, 2]),))
    add("native_group_norm.default", "direct", lambda x, w, b: A.native_group_norm.default(x, w, b, 2, 6, 4, 3, 1e-5), (rnd([2, 6, 4]), rnd([6]), rnd([6])))
    add("native_group_norm_backward.default", "direct", lambda g, x, mean, rstd, w: A.native_group_norm_backward.default(g, x, mean, rstd, w, 2, 4, 3, 2, [True, True, True]),
        (rnd([2, 4, 3]), rnd([2, 4, 3]), rnd([2, 2]), rnd([2, 2], dom="pos"), rnd([4])))
    add("instance_norm.default", "eval", lambda x: F.instance_norm(x), (rnd([2, 3, 4, 4]),), core=True)
    add("rms_norm.default", "last", lambda x, w: F.rms_norm(x, [4], w, 1e-6), (rnd([2, 3, 4]),), state={"w": rnd([4])}, core=True)
    add("local_response_norm", "size3", lambda x: F.local_response_norm(x, 3), (rnd([1, 5, 3, 3]),))
    add("normalize", "l2", lambda x: F.normalize(x, dim=1), (rnd([3, 4]),))
    sdpa = "scaled_dot_product_attention.default"
    add(sdpa, "basic", F.scaled_dot_product_attention, (rnd([1, 2, 3, 4]), rnd([1, 2, 5, 4]), rnd([1, 2, 5, 4])), core=True)
    add(sdpa, "causal", lambda q, k, v: F.scaled_dot_product_attention(q, k, v, is_causal=True), (rnd([2, 2, 4, 8]), rnd([2, 2, 4, 8]), rnd([2, 2, 4, 8])), core=True)
    add(sdpa, "bool_mask", lambda q, k, v, m: F.scaled_dot_product_attention(q, k, v, attn_mask=m), (rnd([1, 1, 3, 4]), rnd([1, 1, 5, 4]), rnd([1, 1, 5, 4]), torch.tensor([[True, True, False, True, False]] * 3)))
    add(sdpa, "float_mask_scale", lambda q, k, v, m: F.scaled_dot_product_attention(q, k, v, attn_mask=m, scale=0.3), (rnd([1, 2, 3, 4]), rnd([1, 2, 3, 4]), rnd([1, 2, 3, 6]), rnd([3, 3])))
    add(sdpa, "3d", F.scaled_dot_product_attention, (rnd([2, 3, 4]), rnd([2, 3, 4]), rnd([2, 3, 4])))
    add("dropout.default", "eval", lambda x: F.dropout(x, 0.5, training=False), (rnd([3, 4]),))
    add("native_dropout.default", "eval_direct", lambda x: A.native_dropout.default(x, 0.5, False), (rnd([3, 4]),))
    add("native_dropout.default", "p0_train", lambda x: A.native_dropout.default(x, 0.0, True), (rnd([3, 4]),))
    add("alpha_dropout", "eval", lambda x: F.alpha_dropout(x, 0.3, training=False), (rnd([3, 4]),))
    return out

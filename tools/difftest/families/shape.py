"""View and layout ops: view/reshape/permute/expand/squeeze, slicing and selection, split/chunk/unbind,
cat/stack, repeat, flip/roll, tril/triu, padding (constant, reflect, replicate, circular), scatter-of-slices,
copies and dtype conversions. Outputs of view ops are often themselves strided views."""
import torch
import torch.nn.functional as F

from difftest_lib import BF16, BOOL, F16, F64, I32, I64, U8, Case, edge, rnd  # noqa: F401

A = torch.ops.aten


def cases():
    out = []

    def add(op, name, fn, inputs, **kw):
        out.append(Case("aten." + op, name, fn, inputs, **kw))

    x = rnd([2, 3, 4])
    add("view.default", "merge", lambda x: x.view(6, 4) * 1, (x,), core=True)
    add("view.default", "infer", lambda x: x.view(-1, 2) + 0, (x,))
    add("view.default", "to_0d", lambda x: x.view([]) * 2, (rnd([1, 1]),))
    add("view.default", "i64", lambda x: x.view(3, 2), (rnd([6], I64),))
    add("view.default", "alias_output", lambda x: x.view(4, 6), (x,))
    add("reshape.default", "noncontig", lambda x: x.transpose(0, 2).reshape(4, 6), (x,), core=True)
    add("reshape.default", "contig", lambda x: x.reshape(-1), (x,))
    add("reshape.default", "empty", lambda x: x.reshape(0, 5), (rnd([5, 0]),))
    add("flatten.using_ints", "middle", lambda x: torch.flatten(x, 1), (x,))
    add("flatten.using_ints", "noncontig", lambda x: torch.flatten(x.permute(2, 0, 1), 0, 1), (x,))
    add("unflatten.int", "split", lambda x: x.unflatten(-1, (2, 2)), (x,))
    add("permute.default", "rev", lambda x: x.permute(2, 0, 1), (x,))
    add("permute.default", "neg_then_math", lambda x: x.permute(-1, -3, -2) * 2, (x,))
    add("transpose.int", "t", lambda x: x.transpose(-1, 0) + 1, (x,))
    add("t.default", "2d", lambda x: x.t() + 0, (rnd([3, 5]),))
    add("t.default", "1d", lambda x: x.t() + 0, (rnd([5]),))
    add("movedim.int", "m", lambda x: torch.movedim(x, 0, -1) * 1, (x,))
    add("unsqueeze.default", "neg", lambda x: x.unsqueeze(-1) * 1, (x,))
    add("unsqueeze.default", "0d", lambda x: x.unsqueeze(0) * 1, (rnd([]),))
    add("squeeze.dim", "one", lambda x: x.squeeze(1) * 1, (rnd([3, 1, 2]),))
    add("squeeze.dim", "not_one", lambda x: A.squeeze.dim(x, 0) * 1, (rnd([3, 1, 2]),))
    add("squeeze.dims", "several", lambda x: x.squeeze((0, 2)) * 1, (rnd([1, 3, 1, 2]),))
    add("squeeze.default", "all", lambda x: x.squeeze() * 1, (rnd([1, 3, 1]),))
    add("expand.default", "bcast", lambda x: x.expand(2, 3, 4) * 1, (rnd([3, 1]),))
    add("expand.default", "minus1", lambda x: x.expand(4, -1) + 0, (rnd([1, 5]),))
    add("expand.default", "out_is_view", lambda x: x.expand(3, 2), (rnd([2]),))
    add("expand_as.default", "b", lambda x, y: x.expand_as(y) + y, (rnd([3, 1]), rnd([3, 4])))
    add("contiguous.default", "transposed", lambda x: x.transpose(0, 1).contiguous(), (rnd([3, 4]),))
    add("clone.default", "strided", lambda x: x[:, 1::2].clone(), (rnd([3, 6]),))
    add("clone.default", "direct", lambda x: A.clone.default(x), (rnd([2, 2], I64),))
    add("alias.default", "direct", lambda x: A.alias.default(x) * 1, (rnd([4]),))
    add("as_strided.default", "window", lambda x: torch.as_strided(x, (3, 2), (2, 1), 1) * 1, (rnd([8]),))
    add("as_strided.default", "overlap", lambda x: A.as_strided.default(x, [3, 3], [1, 1]) * 1, (rnd([6]),))
    add("slice.Tensor", "step", lambda x: x[:, 1:4:2] * 1, (rnd([3, 5]),))
    add("slice.Tensor", "neg", lambda x: x[-2:, :-1] * 1, (rnd([4, 5]),))
    add("slice.Tensor", "empty", lambda x: x[3:1] * 1, (rnd([4]),))
    add("slice.Tensor", "clamped", lambda x: A.slice.Tensor(x, 0, -100, 100, 3) * 1, (rnd([7]),))
    add("narrow.default", "n", lambda x: torch.narrow(x, 1, 1, 2) * 1, (rnd([3, 4]),))
    add("select.int", "neg", lambda x: x[:, -1] * 1, (rnd([3, 4]),))
    add("select.int", "to_0d", lambda x: x[2] * 1, (rnd([4]),))
    add("diagonal.default", "main", lambda x: torch.diagonal(x) * 1, (rnd([3, 4]),))
    add("diagonal.default", "offset_dims", lambda x: torch.diagonal(x, -1, 0, 2) * 1, (rnd([3, 2, 4]),))
    add("diag_embed.default", "d", lambda x: torch.diag_embed(x), (rnd([2, 3]),), core=True)
    add("split.Tensor", "even", lambda x: torch.split(x, 2, 1), (rnd([2, 5]),), core=True)
    add("split_with_sizes.default", "sizes", lambda x: torch.split(x, [1, 3, 0], -1), (rnd([2, 4]),))
    add("chunk.default", "c", lambda x: torch.chunk(x, 3, 0), (rnd([7, 2]),), core=True)
    add("unbind.int", "u", lambda x: torch.unbind(x, 1), (rnd([2, 3]),), core=True)
    add("unsafe_split.Tensor", "s", lambda x: torch._VF.unsafe_split(x, 2, 0), (rnd([4, 2]),))
    add("cat.default", "dim1", lambda a, b: torch.cat([a, b], 1), (rnd([2, 3]), rnd([2, 1])))
    add("cat.default", "neg_promote", lambda a, b: torch.cat([a, b], -1), (rnd([2, 3], I64), rnd([2, 2])))
    add("cat.default", "with_empty_1d", lambda a, b: torch.cat([a, b]), (rnd([3, 2]), rnd([0])))
    add("cat.default", "strided", lambda a, b: torch.cat([a.t(), b[::2]]), (rnd([2, 3]), rnd([4, 2])))
    add("cat.default", "bool", lambda a, b: torch.cat([a, b]), (rnd([3], BOOL), rnd([2], BOOL)))
    add("stack.default", "dim0", lambda a, b: torch.stack([a, b]), (rnd([2, 3]), rnd([2, 3])), core=True)
    add("stack.default", "neg", lambda a, b, c: torch.stack([a, b, c], -1), (rnd([4]), rnd([4]), rnd([4])), core=True)
    add("hstack.default", "h", lambda a, b: torch.hstack([a, b]), (rnd([2, 3]), rnd([2, 1])))
    add("repeat.default", "r", lambda x: x.repeat(2, 3), (rnd([2, 2]),))
    add("repeat.default", "more_dims", lambda x: x.repeat(2, 1, 2), (rnd([3]),))
    add("repeat_interleave.self_int", "ri", lambda x: x.repeat_interleave(2, 0), (rnd([3, 2]),))
    add("tile.default", "t", lambda x: x.tile((2,)), (rnd([2, 3]),))
    add("flip.default", "dims", lambda x: torch.flip(x, [0, -1]), (rnd([2, 3, 4]),))
    add("flip.default", "i64", lambda x: torch.flip(x, [0]), (rnd([5], I64),))
    add("roll.default", "dim", lambda x: torch.roll(x, 2, 1), (rnd([3, 5]),), core=True)
    add("roll.default", "neg_multi", lambda x: torch.roll(x, (-1, 3), (0, 1)), (rnd([3, 4]),), core=True)
    add("roll.default", "flat", lambda x: torch.roll(x, 5), (rnd([2, 3]),), core=True)
    add("tril.default", "k0", torch.tril, (rnd([4, 5]),), core=True)
    add("tril.default", "kneg_batched", lambda x: torch.tril(x, -1), (rnd([2, 3, 3]),))
    add("triu.default", "k1", lambda x: torch.triu(x, 1), (rnd([4, 4]),), core=True)
    add("triu.default", "bool", lambda x: torch.triu(x), (rnd([3, 3], BOOL),))
    for mode in ["constant", "reflect", "replicate", "circular"]:
        add("pad.default", f"{mode}_2d", lambda x, mode=mode: F.pad(x, (1, 2, 2, 1), mode=mode), (rnd([1, 2, 3, 4]),), core=True)
        add("pad.default", f"{mode}_1d", lambda x, mode=mode: F.pad(x, (2, 1), mode=mode), (rnd([1, 2, 4]),), core=True)
    add("pad.default", "reflect_3d", lambda x: F.pad(x, (1, 1, 1, 0, 0, 1), mode="reflect"), (rnd([1, 1, 2, 3, 3]),), core=True)
    add("pad.default", "replicate_3d", lambda x: F.pad(x, (1, 1, 1, 0, 0, 1), mode="replicate"), (rnd([1, 1, 2, 3, 3]),), core=True)
    add("constant_pad_nd.default", "value_neg_crop", lambda x: F.pad(x, (-1, 2), value=3.5), (rnd([2, 4]),), core=True)
    add("constant_pad_nd.default", "i64", lambda x: F.pad(x, (1, 1), value=7), (rnd([3], I64),))
    add("reflection_pad1d.default", "direct", lambda x: A.reflection_pad1d.default(x, [2, 3]), (rnd([1, 2, 5]),))
    add("reflection_pad2d.default", "direct", lambda x: A.reflection_pad2d.default(x, [1, 2, 2, 0]), (rnd([1, 3, 4]),))
    add("reflection_pad3d.default", "direct", lambda x: A.reflection_pad3d.default(x, [1, 1, 0, 1, 1, 0]), (rnd([1, 1, 2, 3, 3]),))
    add("replication_pad2d.default", "direct", lambda x: A.replication_pad2d.default(x, [2, 0, 1, 3]), (rnd([1, 2, 3, 3]),))
    add("replication_pad3d.default", "direct", lambda x: A.replication_pad3d.default(x, [1, 0, 0, 2, 1, 1]), (rnd([1, 1, 2, 2, 3]),))
    add("select_scatter.default", "s", lambda x, src: torch.select_scatter(x, src, 1, -1), (rnd([3, 4]), rnd([3])))
    add("slice_scatter.default", "s", lambda x, src: torch.slice_scatter(x, src, 1, 0, 4, 2), (rnd([3, 5]), rnd([3, 2])))
    add("diagonal_scatter.default", "s", lambda x, src: torch.diagonal_scatter(x, src, 1), (rnd([3, 4]), rnd([3])))
    add("copy.default", "direct_bcast_cast", lambda x, y: A.copy.default(x, y), (rnd([2, 3]), rnd([3], I64)))
    add("copy_.default", "slice_write", lambda x, y: (lambda z: (z[:, 1:3].copy_(y), z)[1])(x * 1), (rnd([2, 4]), rnd([2, 2])))
    add("copy_.default", "user_input", lambda x, y: x.copy_(y), (rnd([2, 3]), rnd([2, 3])))
    add("fill_.Scalar", "slice", lambda x: (lambda z: (z[1].fill_(2.5), z)[1])(x + 0), (rnd([3, 2]),))
    add("zero_.default", "z", lambda x: (x * 1).zero_(), (rnd([3]),))
    for name, src, dst in [("f32_to_i64", rnd([6]) * 10, I64), ("f32_to_i32_neg", rnd([6]) * 100, I32), ("f32_to_u8", rnd([6], dom="pos") * 50, U8),
                           ("f32_to_bool", torch.tensor([0.0, -0.0, 0.5, float("nan"), -1.0]), BOOL), ("f32_to_f16", edge(), F16),
                           ("f32_to_bf16", edge(), BF16), ("f64_to_f32", rnd([4], F64) * 1e20, torch.float32), ("i64_to_f32", rnd([5], I64), torch.float32),
                           ("bool_to_f32", rnd([5], BOOL), torch.float32), ("f16_to_f64", rnd([4], F16), F64), ("i64_to_bool", rnd([5], I64), BOOL),
                           ("i32_to_i64", rnd([5], I32), I64), ("u8_to_f32", rnd([5], U8), torch.float32)]:
        add("to.dtype", name, lambda x, dst=dst: x.to(dst), (src,), core=True)
    add("_to_copy.default", "direct", lambda x: A._to_copy.default(x, dtype=torch.float16), (rnd([2, 3]),))
    add("_to_copy.default", "strided", lambda x: A._to_copy.default(x.t(), dtype=torch.int32), (rnd([3, 2]) * 9,))
    add("type_as.default", "t", lambda x, y: x.type_as(y), (rnd([3]) * 5, rnd([2], I64)), core=True)
    add("float.default", "f", lambda x: x.float(), (rnd([4], I64),))
    add("view_as.default", "v", lambda x, y: x.view_as(y) * 1, (rnd([6]), rnd([2, 3])))
    return out

"""Indexing: gather/scatter (every reduce), index/index_put (accumulate, broadcast, negative indices,
bool masks), index_select, embedding (+bag), one_hot, nonzero, masked_scatter, sort/topk/argsort."""
import torch
import torch.nn.functional as F

from difftest_lib import BOOL, I32, I64, Case, rnd

A = torch.ops.aten


def idx(high, shape):
    return torch.randint(0, high, tuple(shape))


def cases():
    out = []

    def add(op, name, fn, inputs, **kw):
        out.append(Case("aten." + op, name, fn, inputs, **kw))

    add("gather.default", "dim1", lambda x, i: torch.gather(x, 1, i), (rnd([3, 4]), idx(4, [3, 2])))
    add("gather.default", "dim0_neg", lambda x, i: torch.gather(x, -2, i), (rnd([3, 4]), idx(3, [5, 4])))
    add("gather.default", "i64_src", lambda x, i: torch.gather(x, 0, i), (rnd([4], I64), idx(4, [6])))
    add("scatter.src", "dim1", lambda x, i, s: torch.scatter(x, 1, i, s), (rnd([3, 5]), torch.tensor([[0, 1], [4, 2], [3, 3]]), rnd([3, 2])))
    add("scatter.value", "dim0", lambda x, i: torch.scatter(x, 0, i, 2.5), (rnd([4, 2]), torch.tensor([[3, 0], [1, 2]])))
    add("scatter.reduce", "add", lambda x, i, s: torch.scatter(x, 1, i, s, reduce="add"), (rnd([2, 4]), idx(4, [2, 3]), rnd([2, 3])))
    add("scatter_add.default", "dup", lambda x, i, s: torch.scatter_add(x, 1, i, s), (rnd([3, 4]), idx(4, [3, 6]), rnd([3, 6])))
    add("scatter_add.default", "i64", lambda x, i, s: torch.scatter_add(x, 0, i, s), (rnd([5], I64), idx(5, [8]), rnd([8], I64)))
    for r in ["sum", "prod", "mean", "amax", "amin"]:
        for inc in [True, False]:
            add("scatter_reduce.two", f"{r}_{'incl' if inc else 'excl'}", lambda x, i, s, r=r, inc=inc: torch.scatter_reduce(x, 0, i, s, r, include_self=inc), (rnd([4, 2]), idx(3, [6, 2]), rnd([6, 2])))
    add("scatter_reduce.two", "mean_i64", lambda x, i, s: torch.scatter_reduce(x, 0, i, s, "mean"), (rnd([4], I64), idx(4, [7]), rnd([7], I64)))
    add("index.Tensor", "first_dim", lambda x, i: x[i], (rnd([5, 3]), torch.tensor([4, 0, -1, 2, 2])))
    add("index.Tensor", "second_dim", lambda x, i: x[:, i], (rnd([3, 5]), idx(5, [2, 2])))
    add("index.Tensor", "two_bcast", lambda x, i, j: x[i, j], (rnd([4, 5]), idx(4, [3, 1]), idx(5, [1, 2])))
    add("index.Tensor", "separated", lambda x, i, j: x[i, :, j], (rnd([3, 2, 4]), idx(3, [2]), idx(4, [2])))
    add("index.Tensor", "i32_index", lambda x, i: x[i], (rnd([4, 2]), torch.tensor([3, 1], dtype=I32)))
    add("index.Tensor", "bool_mask", lambda x, m: x[m], (rnd([3, 4]), rnd([3, 4], BOOL)))
    add("index.Tensor", "direct_none", lambda x, i: A.index.Tensor(x, [None, i]), (rnd([2, 4]), idx(4, [3])))
    add("index_put.default", "set", lambda x, i, v: torch.index_put(x, (i,), v), (rnd([5, 2]), torch.tensor([0, 3, -1]), rnd([3, 2])))
    add("index_put.default", "accumulate_dups", lambda x, i, v: torch.index_put(x, (i,), v, accumulate=True), (rnd([4]), torch.tensor([1, 1, 3, 1]), rnd([4])))
    add("index_put.default", "two_idx_bcast_value", lambda x, i, j, v: torch.index_put(x, (i, j), v), (rnd([3, 4]), torch.tensor([0, 2]), torch.tensor([1, 3]), rnd([])))
    add("index_put.default", "bool_mask", lambda x, m, v: torch.index_put(x, (m,), v), (rnd([3, 3]), torch.eye(3, dtype=torch.bool), torch.tensor(9.0)))
    add("index_put_.default", "intermediate", lambda x, i, v: (x * 1).index_put_((i,), v), (rnd([5]), torch.tensor([4, 0]), rnd([2])), core=True)
    add("index_put_.default", "buffer", lambda i, v, b: (b.index_put_((i,), v, accumulate=True), b * 1)[1], (torch.tensor([0, 0, 2]), rnd([3])), state={"b": rnd([4])})
    add("index_put_.default", "setitem", lambda x, v: (lambda z: (z.__setitem__((slice(None), 1), v), z)[1])(x + 0), (rnd([3, 3]), rnd([3])))
    add("index_select.default", "dim0", lambda x, i: torch.index_select(x, 0, i), (rnd([4, 3]), torch.tensor([3, 0, 3])))
    add("index_select.default", "neg_dim_i32", lambda x, i: torch.index_select(x, -1, i), (rnd([2, 5]), torch.tensor([4, 1], dtype=I32)))
    add("index_select.default", "0d_index", lambda x, i: torch.index_select(x, 0, i), (rnd([4]), torch.tensor(2)))
    add("embedding.default", "e", lambda i, w: F.embedding(i, w), (idx(6, [2, 3]),), state={"w": rnd([6, 4])})
    add("embedding.default", "padding_idx", lambda i, w: F.embedding(i, w, padding_idx=0), (idx(5, [4]), rnd([5, 3])))
    add("embedding_dense_backward.default", "direct", lambda g, i: A.embedding_dense_backward.default(g, i, 5, -1, False), (rnd([3, 2]), torch.tensor([1, 4, 1])))
    add("_embedding_bag.default", "sum", lambda w, i, o: A._embedding_bag.default(w, i, o, False, 0), (rnd([6, 3]), idx(6, [7]), torch.tensor([0, 2, 5])))
    add("_embedding_bag.default", "mean", lambda w, i, o: A._embedding_bag.default(w, i, o, False, 1)[0], (rnd([6, 3]), idx(6, [7]), torch.tensor([0, 3])))
    add("embedding_bag.padding_idx", "max", lambda i, o, w: F.embedding_bag(i, w, o, mode="max"), (idx(6, [6]), torch.tensor([0, 2])), state={"w": rnd([6, 3])})
    add("one_hot.default", "n5", lambda i: F.one_hot(i, 5), (idx(5, [2, 3]),), core=True)
    add("nonzero.default", "f32", lambda x: torch.nonzero(x > 0), (rnd([3, 4]),))
    add("nonzero.default", "i64_1d", torch.nonzero, (torch.tensor([0, 3, 0, -1, 2]),))
    add("nonzero.default", "none", torch.nonzero, (torch.zeros(2, 3),))
    add("masked_select.default", "m", torch.masked_select, (rnd([3, 4]), rnd([3, 4], BOOL)))
    add("masked_scatter.default", "m", lambda x, m, s: torch.masked_scatter(x, m, s), (rnd([3, 4]), rnd([3, 4], BOOL), rnd([12])))
    add("masked_scatter.default", "bcast", lambda x, m, s: torch.masked_scatter(x, m, s), (rnd([2, 3]), rnd([3], BOOL), rnd([2, 3])))
    add("take_along_dim.default", "t", lambda x, i: torch.take_along_dim(x, i, 1), (rnd([3, 4]), idx(4, [3, 2])))
    d = dict(dom="distinct")
    add("sort.default", "last", lambda x: torch.sort(x), (rnd([3, 5], **d),))
    add("sort.default", "desc_dim0", lambda x: torch.sort(x, 0, descending=True), (rnd([4, 3], **d),))
    add("sort.stable", "ties_stable", lambda x: torch.sort(x, stable=True), (torch.tensor([3, 1, 2, 1, 3, 0, 2]),))
    add("sort.stable", "ties_desc_stable", lambda x: torch.sort(x, descending=True, stable=True), (torch.tensor([1.0, 2.0, 1.0, 2.0, 0.5]),))
    add("sort.default", "nan", lambda x: torch.sort(x)[0], (torch.tensor([3.0, float("nan"), -1.0, float("inf"), float("-inf"), 0.0]),))
    add("sort.default", "i64", lambda x: torch.sort(x), (torch.randperm(6) - 3,))
    add("argsort.default", "a", lambda x: torch.argsort(x, -1), (rnd([2, 5], **d),))
    add("argsort.stable", "desc_stable", lambda x: torch.argsort(x, descending=True, stable=True), (torch.tensor([2, 5, 2, 5, 1]),))
    add("topk.default", "largest", lambda x: torch.topk(x, 2), (rnd([3, 5], **d),))
    add("topk.default", "smallest_dim0", lambda x: torch.topk(x, 3, 0, largest=False), (rnd([4, 2], **d),))
    add("topk.default", "unsorted_values", lambda x: torch.topk(x, 3, sorted=True)[0], (rnd([6], **d),))
    add("topk.default", "k0", lambda x: torch.topk(x, 0), (rnd([4]),))
    add("kthvalue.default", "k", lambda x: torch.kthvalue(x, 2, 1), (rnd([3, 4], **d),))
    add("msort.default", "m", torch.msort, (rnd([4, 2], **d),))
    return out

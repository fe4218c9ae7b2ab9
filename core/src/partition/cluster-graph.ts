/**
 * The node DAG of a graph with some node sets contracted into clusters, used by the partitioner
 * to merge claimed nodes without creating cycles. Nodes are graph-order indices (a topological
 * order); a cluster is named by its union-find root. Owned by one partitioning call; mutable.
 *
 * Clusters keep their edges and a rank that is a topological order of the contracted graph
 * (Pearce-Kelly), so a cycle check and a merge only visit clusters ranked between the ones
 * merged: near-linear on graphs that alternate between delegates, where a whole-graph search
 * per merge was quadratic.
 */
export class ClusterGraph {
  private readonly parent: Int32Array;
  private readonly members = new Map<number, number[]>();
  private readonly owners = new Map<number, string>();
  /** Cluster rank: an edge always goes from a lower to a higher rank. Ranks need not be dense. */
  private readonly rank: Int32Array;
  private readonly out = new Map<number, Set<number>>();
  private readonly in = new Map<number, Set<number>>();

  /** `succ[i]` lists the nodes reading a value node `i` defines; `i < succ[i][k]` (graph order). */
  constructor(succ: readonly (readonly number[])[]) {
    const n = succ.length;
    this.parent = new Int32Array(n);
    this.rank = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      this.parent[i] = i;
      this.rank[i] = i;
      this.members.set(i, [i]);
      this.out.set(i, new Set());
      this.in.set(i, new Set());
    }
    succ.forEach((vs, u) => {
      for (const v of vs) {
        if (v === u) continue;
        this.out.get(u)!.add(v);
        this.in.get(v)!.add(u);
      }
    });
  }

  /** The cluster (root) holding node `i`. */
  find(i: number): number {
    let r = i;
    while (this.parent[r] !== r) r = this.parent[r]!;
    while (this.parent[i] !== r) {
      const next = this.parent[i]!;
      this.parent[i] = r;
      i = next;
    }
    return r;
  }

  /** Delegate owning cluster `root`, if any. */
  owner(root: number): string | undefined {
    return this.owners.get(this.find(root));
  }

  /** Marks the cluster of node `i` as owned by `delegate`. */
  setOwner(i: number, delegate: string): void {
    this.owners.set(this.find(i), delegate);
  }

  /** Node indices of cluster `root`, ascending. */
  nodesOf(root: number): number[] {
    return [...(this.members.get(this.find(root)) ?? [])].sort((a, b) => a - b);
  }

  /** Roots of every cluster. */
  roots(): number[] {
    return [...this.members.keys()];
  }

  /**
   * True when contracting the clusters of `nodes` into one would create a cycle: some path
   * leaves the set through another cluster and comes back into it.
   */
  mergeCreatesCycle(nodes: Iterable<number>): boolean {
    const set = this.rootSet(nodes);
    let hi = -1;
    for (const r of set) hi = Math.max(hi, this.rank[r]!);
    // A cluster ranked above every member cannot reach back into the set.
    return this.reach(set, this.out, (r) => this.rank[r]! < hi, set) === undefined;
  }

  /** Contracts the clusters of `nodes` into one, keeping the owner of the first; returns its root. */
  merge(nodes: Iterable<number>): number {
    const set = this.rootSet(nodes);
    const [first] = set;
    if (first === undefined) throw new RangeError('merge of an empty node set');
    if (set.size === 1) return first;
    // The largest cluster absorbs the others, so a growing partition never moves its own lists.
    let root = first;
    let lo = this.rank[first]!;
    let hi = lo;
    for (const r of set) {
      if (this.members.get(r)!.length > this.members.get(root)!.length) root = r;
      lo = Math.min(lo, this.rank[r]!);
      hi = Math.max(hi, this.rank[r]!);
    }
    const owner = this.owners.get(first);
    // Reorder the clusters ranked in [lo, hi] that the set reaches (after it) or that reach the
    // set (before it), reusing their ranks; the others keep theirs (Pearce-Kelly).
    const after = this.reach(set, this.out, (r) => this.rank[r]! <= hi)!;
    const before = this.reach(set, this.in, (r) => this.rank[r]! >= lo)!;
    const byRank = (a: number, b: number) => this.rank[a]! - this.rank[b]!;
    const slots = [...before, ...set, ...after].map((r) => this.rank[r]!).sort((a, b) => a - b);
    const order = [...[...before].sort(byRank), root, ...[...after].sort(byRank)];
    // The merged cluster takes the slot after `before`; the top slots go to `after`.
    order.forEach((r, k) => {
      this.rank[r] = slots[k < before.size + 1 ? k : slots.length - (order.length - k)]!;
    });
    const list = this.members.get(root)!;
    const rootOut = this.out.get(root)!;
    const rootIn = this.in.get(root)!;
    for (const r of set) {
      if (r === root) continue;
      this.parent[r] = root;
      list.push(...this.members.get(r)!);
      this.members.delete(r);
      this.owners.delete(r);
      this.moveEdges(r, root, this.out, this.in, rootOut);
      this.moveEdges(r, root, this.in, this.out, rootIn);
    }
    for (const r of set) {
      rootOut.delete(r);
      rootIn.delete(r);
    }
    if (owner === undefined) this.owners.delete(root);
    else this.owners.set(root, owner);
    return root;
  }

  /**
   * Roots of every cluster in a topological order of the contracted graph, ties broken by the
   * smallest node index so the order follows the original graph where it can.
   */
  topologicalRoots(): number[] {
    const roots = this.roots();
    const indeg = new Map<number, number>(roots.map((r) => [r, this.in.get(r)!.size]));
    const minNode = new Map<number, number>(roots.map((r) => [r, this.members.get(r)!.reduce((a, b) => Math.min(a, b))]));
    const ready = new MinHeap((r) => minNode.get(r)!);
    for (const r of roots) if (indeg.get(r) === 0) ready.push(r);
    const order: number[] = [];
    for (let r = ready.pop(); r !== undefined; r = ready.pop()) {
      order.push(r);
      for (const c of this.out.get(r)!) {
        const d = indeg.get(c)! - 1;
        indeg.set(c, d);
        if (d === 0) ready.push(c);
      }
    }
    return order;
  }

  /** The distinct roots of `nodes`. */
  private rootSet(nodes: Iterable<number>): Set<number> {
    const set = new Set<number>();
    for (const n of nodes) set.add(this.find(n));
    return set;
  }

  /**
   * Clusters outside `from` reachable from it along `edges`, visiting only those `within`
   * accepts; undefined as soon as a cluster in `stopAt` is reached through another cluster.
   */
  private reach(from: ReadonlySet<number>, edges: ReadonlyMap<number, ReadonlySet<number>>, within: (r: number) => boolean, stopAt?: ReadonlySet<number>): Set<number> | undefined {
    const seen = new Set<number>();
    const stack: number[] = [];
    for (const r of from) {
      for (const s of edges.get(r)!) {
        if (!from.has(s) && !seen.has(s) && within(s)) {
          seen.add(s);
          stack.push(s);
        }
      }
    }
    while (stack.length > 0) {
      for (const s of edges.get(stack.pop()!)!) {
        if (stopAt?.has(s)) return undefined;
        if (!seen.has(s) && within(s)) {
          seen.add(s);
          stack.push(s);
        }
      }
    }
    return seen;
  }

  /** Moves cluster `r`'s `edges` (mirrored in `back`) onto `root`, whose own set is `rootEdges`. */
  private moveEdges(r: number, root: number, edges: Map<number, Set<number>>, back: Map<number, Set<number>>, rootEdges: Set<number>): void {
    for (const s of edges.get(r)!) {
      const mirror = back.get(s);
      if (mirror === undefined) continue;
      mirror.delete(r);
      rootEdges.add(s);
      mirror.add(root);
    }
    edges.delete(r);
  }
}

/** A binary min-heap of numbers ordered by `key`. */
class MinHeap {
  private readonly items: number[] = [];

  constructor(private readonly key: (item: number) => number) {}

  push(item: number): void {
    const a = this.items;
    a.push(item);
    for (let i = a.length - 1; i > 0; ) {
      const p = (i - 1) >> 1;
      if (this.key(a[p]!) <= this.key(a[i]!)) break;
      [a[p], a[i]] = [a[i]!, a[p]!];
      i = p;
    }
  }

  /** The item with the smallest key, removed; undefined when empty. */
  pop(): number | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last !== undefined) {
      a[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.key(a[l]!) < this.key(a[m]!)) m = l;
        if (r < a.length && this.key(a[r]!) < this.key(a[m]!)) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i]!, a[m]!];
        i = m;
      }
    }
    return top;
  }
}

/**
 * The node DAG of a graph with some node sets contracted into clusters, used by the partitioner
 * to merge claimed nodes without creating cycles. Nodes are graph-order indices (a topological
 * order); a cluster is named by its union-find root. Owned by one partitioning call; mutable.
 */
export class ClusterGraph {
  private readonly parent: Int32Array;
  private readonly members = new Map<number, number[]>();
  private readonly owners = new Map<number, string>();

  /** `succ[i]` lists the nodes reading a value node `i` defines. */
  constructor(private readonly succ: readonly (readonly number[])[]) {
    this.parent = new Int32Array(succ.length);
    for (let i = 0; i < succ.length; i++) {
      this.parent[i] = i;
      this.members.set(i, [i]);
    }
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

  /** Clusters other than `root` that read a value defined in `root`. */
  successors(root: number): Set<number> {
    const r = this.find(root);
    const out = new Set<number>();
    for (const m of this.members.get(r)!) {
      for (const s of this.succ[m]!) {
        const c = this.find(s);
        if (c !== r) out.add(c);
      }
    }
    return out;
  }

  /**
   * True when contracting the clusters of `nodes` into one would create a cycle: some path
   * leaves the set through another cluster and comes back into it.
   */
  mergeCreatesCycle(nodes: Iterable<number>): boolean {
    const set = new Set<number>();
    for (const n of nodes) set.add(this.find(n));
    const stack: number[] = [];
    const seen = new Set<number>();
    for (const r of set) {
      for (const s of this.successors(r)) {
        if (!set.has(s) && !seen.has(s)) {
          seen.add(s);
          stack.push(s);
        }
      }
    }
    while (stack.length > 0) {
      for (const s of this.successors(stack.pop()!)) {
        if (set.has(s)) return true;
        if (!seen.has(s)) {
          seen.add(s);
          stack.push(s);
        }
      }
    }
    return false;
  }

  /** Contracts the clusters of `nodes` into one, keeping the owner of the first; returns its root. */
  merge(nodes: Iterable<number>): number {
    const roots = [...new Set([...nodes].map((n) => this.find(n)))];
    const [root, ...rest] = roots;
    if (root === undefined) throw new RangeError('merge of an empty node set');
    const list = this.members.get(root)!;
    for (const r of rest) {
      this.parent[r] = root;
      list.push(...this.members.get(r)!);
      this.members.delete(r);
      this.owners.delete(r);
    }
    return root;
  }

  /**
   * Roots of every cluster in a topological order of the contracted graph, ties broken by the
   * smallest node index so the order follows the original graph where it can.
   */
  topologicalRoots(): number[] {
    const roots = this.roots();
    const indeg = new Map<number, number>(roots.map((r) => [r, 0]));
    const succs = new Map<number, Set<number>>();
    for (const r of roots) {
      const s = this.successors(r);
      succs.set(r, s);
      for (const c of s) indeg.set(c, indeg.get(c)! + 1);
    }
    const minNode = new Map<number, number>(roots.map((r) => [r, this.members.get(r)!.reduce((a, b) => Math.min(a, b))]));
    const ready = roots.filter((r) => indeg.get(r) === 0);
    const order: number[] = [];
    while (ready.length > 0) {
      ready.sort((a, b) => minNode.get(b)! - minNode.get(a)!);
      const r = ready.pop()!;
      order.push(r);
      for (const c of succs.get(r)!) {
        const d = indeg.get(c)! - 1;
        indeg.set(c, d);
        if (d === 0) ready.push(c);
      }
    }
    return order;
  }
}

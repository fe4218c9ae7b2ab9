import type { KernelDef } from '../../kernel/kernel-def.js';
import { normalizeDim } from '../../util/shape.js';
import { einsumTensors } from './einsum.js';

/** `aten.tensordot`: contracts `dims_self` of self with `dims_other` of other; free dims of self, then of other. */
export const TENSORDOT: KernelDef = {
  ops: ['aten.tensordot.default'],
  run: (args, ctx) => {
    const a = args.tensor('self'), b = args.tensor('other');
    const where = `node '${args.node.name}' (${args.node.target})`;
    const da = args.ints('dims_self').map((d) => normalizeDim(d, a.rank, `${where}: dims_self`));
    const db = args.ints('dims_other').map((d) => normalizeDim(d, b.rank, `${where}: dims_other`));
    if (da.length !== db.length) throw args.error(`dims_self and dims_other must have equal lengths, given ${da.length} and ${db.length}`);
    // Label contracted pairs 0..k-1, free dims of self and other after them.
    const la = a.shape.map((_, d) => (da.includes(d) ? da.indexOf(d) : da.length + d));
    const lb = b.shape.map((_, d) => (db.includes(d) ? db.indexOf(d) : da.length + a.rank + d));
    const out = [...la.filter((l) => l >= da.length), ...lb.filter((l) => l >= da.length)];
    for (let i = 0; i < da.length; i++) {
      if (a.shape[da[i]!] !== b.shape[db[i]!]) throw args.error(`contracted dims differ: self dim ${da[i]} has size ${a.shape[da[i]!]}, other dim ${db[i]} has ${b.shape[db[i]!]}`);
    }
    return einsumTensors([a, b], [la, lb], out, ctx.threads, where);
  },
};

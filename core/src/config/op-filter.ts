/**
 * An integrator's allow/deny lists for one delegate. Patterns are op targets (`aten.relu.default`),
 * targets without their overload (`aten.add` matches `aten.add.Tensor` and `aten.add.Scalar`), or
 * globs where `*` matches any run of characters (`aten.conv*`). When `allow` is given, only
 * matching ops may be claimed; `deny` wins over `allow`.
 */
export interface OpFilter {
  readonly allow?: readonly string[];
  readonly deny?: readonly string[];
}

/** Op filters by delegate name. */
export type OpFilters = Readonly<Record<string, OpFilter>>;

/** Refusal reason the partition report shows for nodes an op filter took away from a delegate. */
export const OP_FILTER_REFUSAL = 'denied by integrator op filter';

/** True when op `target` matches `pattern` (exact, overload-less, or `*` glob). */
export function matchesOpPattern(pattern: string, target: string): boolean {
  if (pattern.includes('*')) {
    const re = new RegExp(`^${pattern.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
    return re.test(target);
  }
  return target === pattern || (target.startsWith(pattern) && target.charAt(pattern.length) === '.' && !target.slice(pattern.length + 1).includes('.'));
}

/**
 * Why `filter` forbids op `target`, or undefined when it allows it. The reason starts with
 * {@link OP_FILTER_REFUSAL} and names the pattern that decided.
 */
export function opFilterRefusal(filter: OpFilter, target: string): string | undefined {
  const denied = filter.deny?.find((p) => matchesOpPattern(p, target));
  if (denied !== undefined) return `${OP_FILTER_REFUSAL} (deny '${denied}')`;
  if (filter.allow !== undefined && !filter.allow.some((p) => matchesOpPattern(p, target))) return `${OP_FILTER_REFUSAL} (not in allow list)`;
  return undefined;
}

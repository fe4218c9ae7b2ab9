/**
 * Evaluates an integer symbolic-shape expression in the infix form the IR carries (`s0`,
 * `2*s0 + 1`, `s0//2`, `(s0 - 1)**2`) given symbol values. Returns undefined when the text uses
 * something else (functions such as `Max`, unbound symbols), so callers can skip such checks.
 */
export function evaluateSymExpr(text: string, symbols: ReadonlyMap<string, number>): number | undefined {
  const tokens = text.match(/\d+|[A-Za-z_]\w*|\*\*|\/\/|[-+*%()]|\S/g) ?? [];
  let pos = 0;
  let ok = true;
  const peek = () => tokens[pos];
  const atom = (): number => {
    const t = tokens[pos++];
    if (t === undefined) return (ok = false), 0;
    if (t === '(') {
      const v = sum();
      if (tokens[pos++] !== ')') ok = false;
      return v;
    }
    if (t === '-') return -power();
    if (/^\d+$/.test(t)) return Number(t);
    const v = /^[A-Za-z_]\w*$/.test(t) ? symbols.get(t) : undefined;
    if (v === undefined) ok = false;
    return v ?? 0;
  };
  const power = (): number => {
    const base = atom();
    if (peek() === '**') {
      pos++;
      return base ** power();
    }
    return base;
  };
  const product = (): number => {
    let v = power();
    for (let op = peek(); op === '*' || op === '//' || op === '%'; op = peek()) {
      pos++;
      const r = power();
      if (op === '*') v *= r;
      else if (r === 0) ok = false;
      else v = op === '//' ? Math.floor(v / r) : v - Math.floor(v / r) * r;
    }
    return v;
  };
  const sum = (): number => {
    let v = product();
    for (let op = peek(); op === '+' || op === '-'; op = peek()) {
      pos++;
      v = op === '+' ? v + product() : v - product();
    }
    return v;
  };
  const v = sum();
  return ok && pos === tokens.length ? v : undefined;
}

/** True when `text` is a bare symbol name such as `s0`. */
export function isSymbol(text: string): boolean {
  return /^[A-Za-z_]\w*$/.test(text);
}

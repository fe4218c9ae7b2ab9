// PyTorch 2.x writes symbolic expressions as sympy `srepr` text
// (`Mul(Integer(128), Symbol('s70', positive=True, integer=True))`); the IR carries the plain infix
// form sympy prints (`128*s70`), which is what messages show and what an evaluator parses.

type SExpr = { readonly fn: string; readonly args: readonly SExpr[] } | { readonly atom: string };

const INFIX: Readonly<Record<string, string>> = {
  Add: ' + ', Mul: '*', Pow: '**', LessThan: ' <= ', GreaterThan: ' >= ', StrictLessThan: ' < ',
  StrictGreaterThan: ' > ', Equality: ' == ', Unequality: ' != ', And: ' & ', Or: ' | ',
  FloorDiv: '//', PythonMod: ' % ', Mod: ' % ',
};

/** Binding strength of each infix operator; operands binding looser are parenthesised. */
const PRECEDENCE: Readonly<Record<string, number>> = {
  Or: 1, And: 2, LessThan: 3, GreaterThan: 3, StrictLessThan: 3, StrictGreaterThan: 3, Equality: 3, Unequality: 3,
  Add: 4, Mul: 5, FloorDiv: 5, PythonMod: 5, Mod: 5, Pow: 6,
};

/**
 * The infix form of a sympy expression string: `srepr` text is converted, anything else (already
 * infix, as older PyTorch wrote it) is returned unchanged.
 */
export function symExprToInfix(text: string): string {
  if (!/^[A-Za-z]\w*\(/.test(text)) return text;
  const parsed = parse(text);
  return parsed === undefined ? text : print(parsed, 0);
}

function parse(text: string): SExpr | undefined {
  // Tokens: identifiers/numbers, quoted strings, punctuation.
  const tokens = text.match(/'[^']*'|"[^"]*"|[-\w.]+|[(),=]/g) ?? [];
  let pos = 0;
  const expr = (): SExpr | undefined => {
    const tok = tokens[pos++];
    if (tok === undefined) return undefined;
    if (tokens[pos] !== '(') return { atom: tok.replace(/^['"]|['"]$/g, '') };
    pos++;
    const args: SExpr[] = [];
    while (tokens[pos] !== ')') {
      if (tokens[pos + 1] === '=') {
        pos += 3; // keyword assumption such as positive=True: not part of the value
      } else {
        const a = expr();
        if (a === undefined) return undefined;
        args.push(a);
      }
      if (tokens[pos] === ',') pos++;
      else if (tokens[pos] !== ')') return undefined;
    }
    pos++;
    return { fn: tok, args };
  };
  const out = expr();
  return pos === tokens.length ? out : undefined;
}

function print(e: SExpr, outer: number): string {
  if ('atom' in e) return e.atom;
  const { fn, args } = e;
  if ((fn === 'Symbol' || fn === 'Integer' || fn === 'Float') && args.length >= 1) return print(args[0]!, outer);
  if (fn === 'Rational' && args.length === 2) return wrap(`${print(args[0]!, 6)}/${print(args[1]!, 6)}`, 5, outer);
  if (fn === 'Not' && args.length === 1) return `~${print(args[0]!, 7)}`;
  const op = INFIX[fn];
  if (op !== undefined && args.length >= 2) {
    const prec = PRECEDENCE[fn]!;
    // Operands of ** bind tighter on both sides; others only need parentheses when looser.
    const parts = args.map((a) => print(a, fn === 'Pow' ? prec + 1 : prec));
    return wrap(parts.join(op), prec, outer);
  }
  return `${fn}(${args.map((a) => print(a, 0)).join(', ')})`;
}

function wrap(s: string, prec: number, outer: number): string {
  return prec < outer ? `(${s})` : s;
}

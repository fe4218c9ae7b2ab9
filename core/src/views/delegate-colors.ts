/** Fill colours given to delegates in priority order (Tableau 10, readable with dark text). */
const PALETTE: readonly string[] = ['#f28e2b', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#4e79a7', '#e15759', '#bab0ac'];

/** Colour of graph inputs and outputs, which no delegate runs. */
export const IO_COLOR = '#e8e8e8';

/** Colour of device-copy edges. */
export const COPY_COLOR = '#d62728';

/** A colour per delegate name, in the order given (wrapping around after ten). */
export function delegateColors(names: readonly string[]): Map<string, string> {
  return new Map(names.map((n, i) => [n, PALETTE[i % PALETTE.length]!]));
}

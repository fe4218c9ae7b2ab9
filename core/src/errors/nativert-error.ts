import { ErrorCode } from './error-code.js';

/**
 * The one error type thrown by nativert-ts. `code` is machine-readable; the message names the
 * thing at fault (file, node, input, plugin) and, where it applies, the expected and given values.
 */
export class NativertError extends Error {
  /** Machine-readable category, equal to the C ABI status code. */
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = `NativertError[${ErrorCode[code]}]`;
    this.code = code;
  }
}

/** Throws a {@link NativertError} with `code` and `message` unless `cond` holds. */
export function check(cond: unknown, code: ErrorCode, message: () => string): asserts cond {
  if (!cond) throw new NativertError(code, message());
}

import { ErrorCode, NativertError } from '@nativert/core';

/** `NATIVERT_STATUS_OK`. */
export const STATUS_OK = 0;

/**
 * The typed error for a failed native call: the status is the {@link ErrorCode} of the same
 * number (the header numbers them alike); a number outside the enum becomes `Internal`, with the
 * raw status kept in the message so a misbehaving plugin is still diagnosable.
 */
export function statusError(status: number, plugin: string, call: string, detail: string): NativertError {
  const known = ErrorCode[status] !== undefined;
  const code = known ? (status as ErrorCode) : ErrorCode.Internal;
  const what = known ? '' : ` (unknown status ${status})`;
  return new NativertError(code, `native plugin '${plugin}': ${call} failed${what}: ${detail || 'no message given'}`);
}

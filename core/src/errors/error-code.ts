/**
 * Error codes shared by the TypeScript runtime and the native plugin C ABI
 * (`NATIVERT_STATUS_*` in `sdk/include/nativert_plugin.h` uses the same numbers).
 */
export enum ErrorCode {
  /** The archive is not a readable PT2 zip, or an entry in it is malformed. */
  InvalidArchive = 1,
  /** The archive's schema or format version is one this runtime cannot read. */
  UnsupportedVersion = 2,
  /** A named thing (model, entry, weight, input, plugin, delegate) does not exist. */
  NotFound = 3,
  /** An input given to `run` does not match the program's signature. */
  InvalidInput = 4,
  /** The graph uses an operator no registered delegate can run. */
  UnsupportedOperator = 5,
  /** A plugin failed to load, prepare or execute, or broke its contract. */
  PluginFailure = 6,
  /** A runtime check inside the program failed (`_assert_*`, shape guards). */
  AssertionFailed = 7,
  /** An argument passed to an API call is invalid. */
  InvalidArgument = 8,
  /** Loading native code from an archive was refused for lack of an explicit opt-in. */
  NativeCodeNotAllowed = 9,
  /** Any other internal failure. */
  Internal = 10,
}

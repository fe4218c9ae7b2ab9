/** Where the runtime and plugins report warnings and progress. */
export interface Logger {
  warn(message: string): void;
  info(message: string): void;
  debug(message: string): void;
}

/** A logger that writes warnings to stderr and drops the rest. */
export const defaultLogger: Logger = {
  warn: (m) => process.stderr.write(`nativert: warning: ${m}\n`),
  info: () => {},
  debug: () => {},
};

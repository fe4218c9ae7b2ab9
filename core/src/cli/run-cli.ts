import { NativertError } from '../errors/nativert-error.js';
import { UsageError } from './usage-error.js';

/** One subcommand: takes the arguments after its name and resolves to the process exit code. */
export type CliCommand = (argv: string[]) => Promise<number>;

/**
 * Runs `<program> <command> [args...]` from `argv` and sets `process.exitCode`: help with no command
 * (code 2) or `--help` (0); 2 for an unknown command or a usage mistake (a {@link UsageError} or an
 * unknown flag); 1 for any other failure, printed as `<program>: <error name>: <message>` without a stack.
 * Shared by the `nativert` and `nativert-sdk` command lines so both report errors alike.
 */
export async function runCli(program: string, help: string, commands: Readonly<Record<string, CliCommand>>, argv: string[]): Promise<void> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    console.log(help);
    process.exitCode = name === undefined ? 2 : 0;
    return;
  }
  const command = commands[name];
  if (!command) {
    console.error(`${program}: unknown command '${name}'\n\n${help}`);
    process.exitCode = 2;
    return;
  }
  try {
    process.exitCode = await command(rest);
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: unknown }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      console.error(`${program}: ${(e as Error).message}`);
      process.exitCode = 2;
      return;
    }
    const prefix = e instanceof NativertError ? e.name : 'error';
    console.error(`${program}: ${prefix}: ${(e as Error).message}`);
    process.exitCode = 1;
  }
}

#!/usr/bin/env node
// The `nativert-sdk` command line, for plugin authors: conformance, init.
import { NativertError } from '@nativert/core';
import { CONFORMANCE_USAGE, conformanceCommand } from './conformance-command.js';
import { INIT_USAGE, initCommand } from './init-command.js';
import { UsageError } from './usage-error.js';

const COMMANDS: Readonly<Record<string, (argv: string[]) => Promise<number>>> = {
  conformance: conformanceCommand,
  init: initCommand,
};

const HELP = `nativert-sdk — build and check nativert-ts delegate plugins

  ${CONFORMANCE_USAGE}
      runs the corpus with the plugin first and the interpreter behind it; reports per case and per op;
      exit code 1 when a case fails
  ${INIT_USAGE}
      scaffolds a plugin package (C behind the native ABI, or TypeScript) that builds and passes the kit`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    console.log(HELP);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`nativert-sdk: unknown command '${name}'\n\n${HELP}`);
    return 2;
  }
  return command(rest);
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (e: unknown) => {
    if (e instanceof UsageError || (e as { code?: unknown }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      console.error(`nativert-sdk: ${(e as Error).message}`);
      process.exitCode = 2;
      return;
    }
    const prefix = e instanceof NativertError ? e.name : 'error';
    console.error(`nativert-sdk: ${prefix}: ${(e as Error).message}`);
    process.exitCode = 1;
  },
);

#!/usr/bin/env node
// The `nativert-sdk` command line, for plugin authors: conformance, init.
import type { CliCommand } from '@nativert/core';
import { runCli } from '@nativert/core';
import { CONFORMANCE_USAGE, conformanceCommand } from './conformance-command.js';
import { INIT_USAGE, initCommand } from './init-command.js';

const COMMANDS: Readonly<Record<string, CliCommand>> = {
  conformance: conformanceCommand,
  init: initCommand,
};

const HELP = `nativert-sdk — build and check nativert-ts delegate plugins

  ${CONFORMANCE_USAGE}
      runs the corpus with the plugin first and the interpreter behind it; reports per case and per op;
      exit code 1 when a case fails
  ${INIT_USAGE}
      scaffolds a plugin package (C behind the native ABI, or TypeScript) that builds and passes the kit`;

void runCli('nativert-sdk', HELP, COMMANDS, process.argv.slice(2));

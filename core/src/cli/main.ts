#!/usr/bin/env node
// The `nativert` command line: run, inspect, conformance, bench.
import { NativertError } from '../errors/nativert-error.js';
import { benchCommand } from './commands/bench-command.js';
import { conformanceCommand } from './commands/conformance-command.js';
import { inspectCommand } from './commands/inspect-command.js';
import { runCommand } from './commands/run-command.js';

const COMMANDS: Readonly<Record<string, (argv: string[]) => Promise<number>>> = {
  run: runCommand,
  inspect: inspectCommand,
  conformance: conformanceCommand,
  bench: benchCommand,
};

const HELP = `nativert — run torch.export (PT2) archives without libtorch

  nativert run <archive> [--model NAME] [--inputs F.safetensors] [--output F.safetensors]
               [--delegates a,b] [--threads N] [--strict] [--allow-native]
  nativert inspect <archive> [--model NAME] [--partition] [--delegates a,b] [--format text|json|dot|html]
  nativert conformance <dir>... [--filter REGEX] [--ir export|core|both] [--aoti] [--delegates a,b]
               [--json F] [--known-failures F]
  nativert bench <archive> [--inputs F.safetensors] [--onnx F.onnx] [--threads N] [--runs N] [--warmup N] [--json F]

  every command above also takes: [--config F] (default ./nativert.config.json) [--no-strict]
               [--plugin-option D.key=value]... [--place node=D]... [--op-allow D=pat,pat]... [--op-deny D=pat,pat]...`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    console.log(HELP);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`nativert: unknown command '${name}'\n\n${HELP}`);
    return 2;
  }
  return command(rest);
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (e: unknown) => {
    const prefix = e instanceof NativertError ? e.name : 'error';
    console.error(`nativert: ${prefix}: ${(e as Error).message}`);
    process.exitCode = 1;
  },
);

#!/usr/bin/env node
// The `nativert` command line: run, inspect, conformance, bench.
import { benchCommand } from './commands/bench-command.js';
import { conformanceCommand } from './commands/conformance-command.js';
import { inspectCommand } from './commands/inspect-command.js';
import { runCommand } from './commands/run-command.js';
import type { CliCommand } from './run-cli.js';
import { runCli } from './run-cli.js';

const COMMANDS: Readonly<Record<string, CliCommand>> = {
  run: runCommand,
  inspect: inspectCommand,
  conformance: conformanceCommand,
  bench: benchCommand,
};

const HELP = `nativert — run torch.export (PT2) archives without libtorch

  nativert run <archive> [--model NAME] [--inputs F.safetensors] [--output F.safetensors]
               [--delegates a,b] [--threads N] [--strict] [--allow-native] [--worker] [--workers N]
  nativert inspect <archive> [--model NAME] [--partition] [--delegates a,b] [--format text|json|dot|html]
  nativert conformance <dir>... [--filter REGEX] [--ir export|core|both] [--aoti] [--delegates a,b]
               [--json F] [--known-failures F]
  nativert bench <archive> [--inputs F.safetensors] [--onnx F.onnx] [--threads N] [--runs N] [--warmup N] [--json F]
               [--worker] [--workers N] (also time the runner in worker threads; report the overhead)

  every command above also takes: [--config F] (default ./nativert.config.json) [--no-strict]
               [--plugin-option D.key=value]... [--place node=D]... [--op-allow D=pat,pat]... [--op-deny D=pat,pat]...`;

void runCli('nativert', HELP, COMMANDS, process.argv.slice(2));

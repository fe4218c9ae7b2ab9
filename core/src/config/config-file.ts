import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ErrorCode } from '../errors/error-code.js';
import { NativertError } from '../errors/nativert-error.js';
import type { NativertConfig } from './nativert-config.js';
import { validateConfig } from './validate-config.js';

/** File name looked up in the current directory when no `--config` is given. */
export const CONFIG_FILE_NAME = 'nativert.config.json';

/** Path of `nativert.config.json` in `dir`, or undefined when there is none. */
export function findConfigFile(dir: string): string | undefined {
  const path = join(dir, CONFIG_FILE_NAME);
  return existsSync(path) ? path : undefined;
}

/** Reads and validates config file `path`; errors name the file (and the field, when one is wrong). */
export function readConfigFile(path: string): NativertConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new NativertError(ErrorCode.NotFound, `cannot read config file ${path}: ${(e as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new NativertError(ErrorCode.InvalidArgument, `${path}: not valid JSON: ${(e as Error).message}`);
  }
  return validateConfig(json, path);
}

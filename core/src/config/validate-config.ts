import { ErrorCode } from '../errors/error-code.js';
import { NativertError } from '../errors/nativert-error.js';
import type { NativertConfig } from './nativert-config.js';
import { CONFIG_FIELDS } from './nativert-config.js';
import type { OpFilter } from './op-filter.js';

type Json = unknown;

/** A short description of a JSON value for error messages: its type and, when small, the value. */
function given(v: Json): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${JSON.stringify(v)}`;
}

function isRecord(v: Json): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Checks parsed JSON `json` against the {@link NativertConfig} format and returns it typed.
 * Throws `InvalidArgument` naming `file`, the field path and what was expected vs given.
 */
export function validateConfig(json: Json, file: string): NativertConfig {
  const fail = (field: string, expected: string, v: Json) =>
    new NativertError(ErrorCode.InvalidArgument, `${file}: field '${field}' must be ${expected}, given ${given(v)}`);
  const strings = (field: string, v: Json): string[] => {
    if (!Array.isArray(v) || v.some((s) => typeof s !== 'string' || s.length === 0)) throw fail(field, 'an array of non-empty strings', v);
    return v as string[];
  };
  const record = (field: string, v: Json): Record<string, Json> => {
    if (!isRecord(v)) throw fail(field, 'an object', v);
    return v;
  };
  if (!isRecord(json)) throw fail('(top level)', 'an object', json);
  const config: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(json)) {
    switch (key as keyof NativertConfig) {
      case 'delegates': case 'order':
        config[key] = strings(key, v);
        break;
      case 'strict': case 'allowNativeCode':
        if (typeof v !== 'boolean') throw fail(key, 'true or false', v);
        config[key] = v;
        break;
      case 'threads':
        if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) throw fail(key, 'a positive integer', v);
        config[key] = v;
        break;
      case 'placement':
        for (const [node, d] of Object.entries(record(key, v))) if (typeof d !== 'string' || d.length === 0) throw fail(`placement.${node}`, 'a delegate name', d);
        config[key] = v;
        break;
      case 'pluginOptions':
        for (const [d, o] of Object.entries(record(key, v))) record(`pluginOptions.${d}`, o);
        config[key] = v;
        break;
      case 'opFilters': {
        const filters: Record<string, OpFilter> = {};
        for (const [d, f] of Object.entries(record(key, v))) {
          const entry = record(`opFilters.${d}`, f);
          for (const k of Object.keys(entry)) if (k !== 'allow' && k !== 'deny') throw new NativertError(ErrorCode.InvalidArgument, `${file}: unknown field 'opFilters.${d}.${k}' (expected allow, deny)`);
          filters[d] = {
            ...(entry['allow'] !== undefined ? { allow: strings(`opFilters.${d}.allow`, entry['allow']) } : {}),
            ...(entry['deny'] !== undefined ? { deny: strings(`opFilters.${d}.deny`, entry['deny']) } : {}),
          };
        }
        config[key] = filters;
        break;
      }
      default:
        throw new NativertError(ErrorCode.InvalidArgument, `${file}: unknown field '${key}' (expected one of ${CONFIG_FIELDS.join(', ')})`);
    }
  }
  return config as NativertConfig;
}

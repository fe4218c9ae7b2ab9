import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ErrorCode, NativertError } from '@nativert/core';
import { HOST_API_MAJOR, HOST_API_MINOR } from '../native/abi.js';
import { isValidPluginName } from '../plugin/define-plugin.js';

/** Languages `nativert-sdk init` scaffolds. */
export type ScaffoldLanguage = 'c' | 'ts';

/** What {@link scaffoldPlugin} makes. */
export interface ScaffoldOptions {
  /** Delegate name: lowercase words joined by `-` (`acme-npu`). */
  readonly name: string;
  readonly lang: ScaffoldLanguage;
  /** Folder to create; must not exist or be empty. */
  readonly dir: string;
  /** npm package name (default `nativert-plugin-<name>`). */
  readonly packageName?: string;
  /** Vendor string the C plugin reports (default the package name). */
  readonly vendor?: string;
}

/** sdk/dist/scaffold → sdk/templates. */
const TEMPLATES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'templates');
const SDK_PACKAGE = join(TEMPLATES, '..', 'package.json');

/**
 * Writes a plugin package from the SDK's templates (`sdk/templates/<lang>`, every `*.tmpl` file
 * with `{{placeholders}}` filled) and returns the paths written, relative to `dir`. The C package
 * builds its library with `npm run build` (cc) and the TypeScript one with `tsc`; both depend on
 * this SDK's version and pass `nativert-sdk conformance --plugin <dir>` as generated.
 */
export function scaffoldPlugin(options: ScaffoldOptions): string[] {
  const { name, lang } = options;
  if (!isValidPluginName(name)) throw new NativertError(ErrorCode.InvalidArgument, `plugin name '${name}' must be lowercase words joined by '-' (like 'acme-npu')`);
  const dir = resolve(options.dir);
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new NativertError(ErrorCode.InvalidArgument, `${dir} exists and is not empty; choose another --dir`);
  const sdk = JSON.parse(readFileSync(SDK_PACKAGE, 'utf8')) as { version: string; dependencies: Record<string, string> };
  const packageName = options.packageName ?? `nativert-plugin-${name}`;
  const ident = name.replace(/-/g, '_');
  const values: Readonly<Record<string, string>> = {
    name,
    package: packageName,
    vendor: options.vendor ?? packageName,
    device: ident,
    lib: `lib${ident}.so`,
    Class: name.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(''),
    api_version: `${HOST_API_MAJOR}.${HOST_API_MINOR}`,
    sdk_version: sdk.version,
    core_version: (sdk.dependencies['@nativert/core'] ?? sdk.version).replace(/^[\^~]/, ''),
  };
  const root = join(TEMPLATES, lang);
  const written: string[] = [];
  for (const file of templateFiles(root)) {
    const target = join(dir, relative(root, file).replace(/\.tmpl$/, ''));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, fill(readFileSync(file, 'utf8'), values, file));
    written.push(relative(dir, target));
  }
  return written.sort();
}

/** Every `*.tmpl` file under `dir`. */
function templateFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return templateFiles(p);
    return e.name.endsWith('.tmpl') ? [p] : [];
  });
}

/** Replaces `{{key}}` by `values[key]`; an unknown key is a template bug. */
function fill(text: string, values: Readonly<Record<string, string>>, file: string): string {
  return text.replace(/\{\{(\w+)\}\}/g, (_, key: string) => {
    const v = values[key];
    if (v === undefined) throw new NativertError(ErrorCode.Internal, `template ${file} uses unknown placeholder {{${key}}}`);
    return v;
  });
}

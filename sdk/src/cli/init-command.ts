import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError } from '@nativert/core';
import type { ScaffoldLanguage } from '../scaffold/scaffold-plugin.js';
import { scaffoldPlugin } from '../scaffold/scaffold-plugin.js';

/** Usage line of the `init` command. */
export const INIT_USAGE = 'nativert-sdk init <name> [--lang c|ts] [--dir D] [--package NPM_NAME] [--vendor TEXT]';

/** `nativert-sdk init <name>`: scaffolds a plugin package and says how to build and check it. */
export async function initCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv, allowPositionals: true,
    options: { lang: { type: 'string', default: 'c' }, dir: { type: 'string' }, package: { type: 'string' }, vendor: { type: 'string' } },
  });
  const [name, ...extra] = positionals;
  if (name === undefined || extra.length > 0) throw new UsageError(`expected one plugin name\nusage: ${INIT_USAGE}`);
  const lang = values.lang as ScaffoldLanguage;
  if (lang !== 'c' && lang !== 'ts') throw new UsageError(`--lang must be c or ts, given '${values.lang}'`);
  const dir = resolve(values.dir ?? name);
  const files = scaffoldPlugin({
    name, lang, dir,
    ...(values.package === undefined ? {} : { packageName: values.package }),
    ...(values.vendor === undefined ? {} : { vendor: values.vendor }),
  });
  console.log(`created ${lang === 'c' ? 'C' : 'TypeScript'} plugin '${name}' in ${dir}:`);
  for (const f of files) console.log(`  ${f}`);
  console.log(`\nnext:\n  cd ${dir}\n  npm install            # ${lang === 'c' ? 'also builds the library with cc' : '@nativert/sdk, @nativert/core, typescript'}`);
  if (lang === 'ts') console.log('  npm run build');
  console.log('  npm run conformance    # runs the corpus with this plugin first');
  return 0;
}

/** npm packages of the project's own plugins, by delegate name, so the CLI accepts `--delegates mtia-stub,interpreter`. */
const KNOWN_PLUGINS: Readonly<Record<string, string>> = {
  interpreter: '@nativert/interpreter',
  'mtia-stub': '@nativert/mtia-stub',
  aoti: '@nativert/aoti',
  cuda: '@nativert/cuda',
};

/** Parses `a,b` into delegate names (priority order) and the plugin packages to import for them. */
export function parseDelegateList(list: string | undefined): { order: string[]; packages: string[] } | undefined {
  if (list === undefined) return undefined;
  const order = list.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  return { order, packages: delegatePackages(order) };
}

/** Packages to import for delegate names: the project's plugins by name, anything else as given. */
export function delegatePackages(names: readonly string[]): string[] {
  return names.map((n) => KNOWN_PLUGINS[n] ?? n);
}

/**
 * Module patterns of the `include` option: dotted module names whose segments may be `*` (any one name, or a part
 * of one: `pkg.lexers.*_lexer`) or `**` (any number of segments, none included). `pkg.plugins.*` keeps every
 * direct submodule of `pkg.plugins`; `pkg.**` keeps `pkg` and everything under it.
 */
const SEGMENT = /^(\*\*|[\p{L}\p{Nl}_*][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}*]*)$/u;

/**
 * Whether an `include` item is a module pattern (`pkg.mod`, `pkg.*`, `pkg.**`) rather than a file glob: only
 * identifier characters, `*` and dots, and not a file name (`*.py`).
 */
export function isModulePattern(item: unknown): item is string {
  return (
    typeof item === 'string' &&
    item !== '' &&
    !/\.pyw?$/.test(item) &&
    item.split('.').every((segment) => SEGMENT.test(segment))
  );
}

/** Whether dotted `module` matches `pattern` ({@link isModulePattern}). */
export function matchModulePattern(pattern: string, module: string): boolean {
  return matchSegments(pattern.split('.'), module.split('.'));
}

function matchSegments(pattern: readonly string[], names: readonly string[]): boolean {
  if (pattern.length === 0) return names.length === 0;
  const [head, ...rest] = pattern;
  if (head === '**') {
    for (let skip = 0; skip <= names.length; skip++) if (matchSegments(rest, names.slice(skip))) return true;
    return false;
  }
  return names.length > 0 && matchName(head, names[0]) && matchSegments(rest, names.slice(1));
}

/** One segment with `*` wildcards against one name. */
function matchName(pattern: string, name: string): boolean {
  if (!pattern.includes('*')) return pattern === name;
  const parts = pattern.split('*');
  if (!name.startsWith(parts[0])) return false;
  let at = parts[0].length;
  for (let i = 1; i < parts.length - 1; i++) {
    const found = name.indexOf(parts[i], at);
    if (found < 0) return false;
    at = found + parts[i].length;
  }
  const last = parts[parts.length - 1];
  return name.length - last.length >= at && name.endsWith(last);
}

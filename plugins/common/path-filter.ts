import { isAbsolute, posix, resolve } from 'node:path';
import picomatch from 'picomatch';

/** Globs and RegExps that pick files, as Vite, Rollup and Rolldown plugins take them (`include`/`exclude`). */
export type FilterPattern = ReadonlyArray<string | RegExp> | string | RegExp | null;

/** Tells whether a module id is picked by a {@link createPathFilter} filter. */
export type PathFilter = (id: unknown) => boolean;

/**
 * The `include`/`exclude` filter every Vite, Rollup and Rolldown plugin applies, with `@rollup/pluginutils`'
 * `createFilter(include, exclude, { resolve: root })` semantics, on picomatch (the glob library it uses) so a
 * user of the plugin does not install `@rollup/pluginutils` and its AST walker for one function:
 * - a relative glob is anchored at `root` (its characters escaped); an absolute glob or one starting with `**`
 *   is used as is; globs match dot files (`{ dot: true }`); backslashes in globs and ids count as `/`;
 * - an id with a NUL byte (a virtual module) or that is not a string is never picked;
 * - `exclude` wins over `include`; no `include` picks every other id.
 * A test compares it with `@rollup/pluginutils` on generated globs and ids.
 */
export function createPathFilter(
  include: FilterPattern | undefined,
  exclude: FilterPattern | undefined,
  root: string,
): PathFilter {
  const base = escapeGlob(toSlashes(resolve(root)));
  const matcher = (pattern: string | RegExp): ((id: string) => boolean) => {
    if (pattern instanceof RegExp) {
      return (id) => {
        pattern.lastIndex = 0;
        return pattern.test(id);
      };
    }
    const glob =
      isAbsolute(pattern) || pattern.startsWith('**') ? toSlashes(pattern) : posix.join(base, toSlashes(pattern));
    return picomatch(glob, { dot: true });
  };
  const includes = asList(include).map(matcher);
  const excludes = asList(exclude).map(matcher);
  return (id) => {
    if (typeof id !== 'string' || id.includes('\0')) return false;
    const path = toSlashes(id);
    if (excludes.some((test) => test(path))) return false;
    return includes.length === 0 || includes.some((test) => test(path));
  };
}

function asList(pattern: FilterPattern | undefined): ReadonlyArray<string | RegExp> {
  if (pattern === null || pattern === undefined) return [];
  return typeof pattern === 'string' || pattern instanceof RegExp ? [pattern] : pattern;
}

function toSlashes(path: string): string {
  return path.replaceAll('\\', '/');
}

/** A folder name used as a glob prefix must match itself only: escape what picomatch would read as syntax. */
function escapeGlob(path: string): string {
  return path.replace(/[-^$*+?.()|[\]{}]/g, '\\$&');
}

import type { PythonTarget } from '../../src/light.js';
import { importGraph } from './import-graph.js';
import type { ImportGraphOptions } from './import-graph.js';
import { indexModules } from './module-index.js';

/** What {@link stdlibClosure} needs. */
export interface StdlibClosureOptions {
  /** A folder holding the stdlib's sources as laid out in Pyodide's stdlib zip (`json/__init__.py`...). */
  readonly dir: string;
  /** Dotted names to start from; names that are no module of `dir` (built-ins, missing) are skipped. */
  readonly from: Iterable<string>;
  readonly target: PythonTarget;
  /** Where the target's Pyodide is looked up first. */
  readonly projectRoot: string;
  /** Parses sources (default: the target's `ast` in its Pyodide); for tests. */
  readonly parse?: ImportGraphOptions['parse'];
}

/**
 * The stdlib modules that `from` import, transitively, as the stdlib's own sources say: the import graph's walk
 * ({@link importGraph}, so every import form it follows, inside functions, classes, `if` and `try` blocks
 * included) run over the stdlib folder. A module imported only inside a function is kept: running the module (as
 * a probe of `sys.modules` does) would not import it, and a call would then fail. An import only under
 * `if TYPE_CHECKING:` or `if __name__ == '__main__':` is not followed: it never runs when the file is imported.
 * Sorted.
 */
export async function stdlibClosure(options: StdlibClosureOptions): Promise<string[]> {
  const index = indexModules([options.dir]);
  const entries = [...new Set(options.from)].filter((name) => index.modules.has(name)).sort();
  if (entries.length === 0) return [];
  const graph = await importGraph({
    roots: [options.dir],
    entries,
    target: options.target,
    projectRoot: options.projectRoot,
    parse: options.parse,
    follow: (statement) => !statement.unreached,
    // Imports of modules outside the stdlib folder (built-ins, other platforms' modules) are not kept: no need to
    // ask the interpreter which of them exist.
    known: async () => new Set(),
  });
  return [...graph.kept.keys()].sort();
}

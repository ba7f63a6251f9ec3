import { graphSummary, importChain, importGraph } from './import-graph.js';
import type { ImportGraph } from './import-graph.js';
import type { ResolvedPycacheOptions } from './options.js';

/** What the `entries` option gives a host: the files to bundle and what to print. */
export interface EntryModules {
  readonly graph: ImportGraph;
  /** Absolute paths of the kept modules, sorted by manifest path. */
  readonly files: readonly string[];
  /** The summary line, then (with `debugImports`) one line per kept module with its import chain. */
  readonly info: readonly string[];
  /** `file:line: message` for each import of a required module that is nowhere. */
  readonly warnings: readonly string[];
}

/**
 * The `entries` option for any host: follows the Python imports from the entries (and the `include` module
 * patterns) under `roots` and says which files the bundle holds. `accept` is the host's file filter.
 */
export async function entryModules(
  options: ResolvedPycacheOptions,
  roots: readonly string[],
  projectRoot: string,
  accept?: (file: string) => boolean,
): Promise<EntryModules> {
  const entries = options.entries ?? [];
  const graph = await importGraph({
    roots,
    entries,
    include: options.includeModules,
    target: options.target,
    projectRoot,
    accept,
  });
  const info = [graphSummary(graph, entries)];
  if (options.debugImports) for (const name of graph.kept.keys()) info.push(`pycache:   ${importChain(graph, name)}`);
  return {
    graph,
    files: [...graph.kept.values()].map((m) => m.file),
    info,
    warnings: graph.warnings.map((w) => `pycache: ${w.file}:${w.line}: ${w.message}`),
  };
}

import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { PythonTarget } from '../../src/light.js';
import type { ImportStatement, ParsedImports } from './import-parser.js';
import { indexModules } from './module-index.js';
import type { IndexedModule } from './module-index.js';
import { matchModulePattern } from './module-patterns.js';
import { PycacheOptionError } from './options.js';

/** Why a module is in the bundle: the first way the walk reached it (so chains are shortest). */
export type KeepReason =
  | { readonly kind: 'entry' }
  | { readonly kind: 'include'; readonly pattern: string }
  /** `by` imports it at `line` (for `import a.b.c` its parent packages too). */
  | { readonly kind: 'import'; readonly by: string; readonly line: number };

/** A module the bundle keeps. */
export interface KeptModule extends IndexedModule {
  readonly reason: KeepReason;
}

/** Where a module outside the roots is imported. */
export interface ExternalImport {
  /** Absolute path of the importing file. */
  readonly file: string;
  /** Manifest path of the importing file. */
  readonly source: string;
  readonly line: number;
  readonly optional: boolean;
  /** Runs only when a function is called, or never when the file is imported on the target (`unreached`). */
  readonly deferred: boolean;
}

/** A module outside the roots (the stdlib, Pyodide's own, or missing). */
export interface ExternalModule {
  /** Dotted name. */
  readonly module: string;
  /**
   * True for `X.n` of `from X import n`, which may be a submodule or a name; false when an import statement
   * names it as a module.
   */
  readonly candidate: boolean;
  /** Whether the target interpreter can import its top-level name (stdlib, built-in, Pyodide's own). */
  readonly known: boolean;
  readonly importers: readonly ExternalImport[];
}

/** A problem that does not stop the build: an import of a required module that is nowhere. */
export interface GraphWarning {
  /** Absolute path of the importing file. */
  readonly file: string;
  /** Manifest path of the importing file. */
  readonly source: string;
  readonly line: number;
  readonly message: string;
}

/** The Python import graph from the entries. */
export interface ImportGraph {
  /** Kept modules by name, sorted by `source`. */
  readonly kept: ReadonlyMap<string, KeptModule>;
  /** Modules under the roots that nothing reaches, sorted by `source`. */
  readonly leftOut: readonly IndexedModule[];
  /** Modules outside the roots, by dotted name (sorted). */
  readonly external: ReadonlyMap<string, ExternalModule>;
  readonly warnings: readonly GraphWarning[];
}

/** What {@link importGraph} needs. */
export interface ImportGraphOptions {
  /** Absolute root folders (`sys.path` entries). */
  readonly roots: readonly string[];
  /** Dotted module names under the roots. */
  readonly entries: readonly string[];
  /** Module names or globs (`pkg.plugins.*`, `pkg.**`) to keep as well, with what they import. */
  readonly include?: readonly string[];
  readonly target: PythonTarget;
  /** Where the target's Pyodide is looked up first. */
  readonly projectRoot: string;
  /** Which files are Python sources (the host's filter). */
  readonly accept?: (file: string) => boolean;
  /** Parses sources (default: the target's `ast` in its Pyodide); for tests and other parsers. */
  readonly parse?: (files: ReadonlyMap<string, Uint8Array>) => Promise<Map<string, ParsedImports>>;
  /** Which top-level names outside the roots the target can import (default: asks its Pyodide). */
  readonly known?: (names: readonly string[]) => Promise<Set<string>>;
  /** Which import statements to follow. @default all */
  readonly follow?: (statement: ImportStatement) => boolean;
}

// Parse results by target and SHA-256 of the bytes: a rebuild or dev-server request re-parses only what changed.
const parsed = new Map<string, ParsedImports>();

/**
 * Follows Python's imports from `entries` through the sources under the roots, with the target interpreter's own
 * parser: `import a.b.c` keeps `a`, `a.b` and `a.b.c`; `from X import n` keeps `X` and `X.n` when that is a
 * submodule; relative imports resolve against the importing module's package at any depth; `from X import *`
 * keeps the submodules a literal `__all__` of package `X` lists; `importlib.import_module('lit', package)` and
 * `__import__('lit')` count as imports. Imports inside functions, classes and `if` blocks count; under a `try`
 * that catches `ImportError`, a missing module is expected; any other missing module is a {@link GraphWarning}
 * naming the file and line. An entry or an `include` name that is no module is a `PycacheOptionError`.
 */
export async function importGraph(options: ImportGraphOptions): Promise<ImportGraph> {
  const index = indexModules(options.roots, options.accept);
  const parse =
    options.parse ??
    (async (files) => (await import('./import-parser.js')).parseImports(files, options.target, options.projectRoot));
  const kept = new Map<string, KeptModule>();
  const external = new Map<string, { candidate: boolean; importers: ExternalImport[] }>();
  const warnings: GraphWarning[] = [];
  const imports = new Map<string, ParsedImports>();
  let pending: IndexedModule[] = [];
  const stars: { base: string; importer: IndexedModule; statement: ImportStatement }[] = [];

  const keep = (module: IndexedModule, reason: KeepReason) => {
    if (kept.has(module.module)) return;
    kept.set(module.module, { ...module, reason });
    pending.push(module);
  };
  const exists = (name: string) => index.modules.has(name) || index.namespaces.has(name);
  const isLocal = (name: string) => exists(name.split('.')[0]);
  const addExternal = (name: string, candidate: boolean, importer: ExternalImport) => {
    const record = external.get(name) ?? { candidate, importers: [] };
    record.candidate &&= candidate;
    record.importers.push(importer);
    external.set(name, record);
  };

  /** Keeps `name` and its parent packages for `statement` in `importer`; false (and a warning) when missing. */
  const require = (name: string, importer: IndexedModule, statement: ImportStatement, candidate = false): boolean => {
    const where = {
      file: importer.file,
      source: importer.source,
      line: statement.line,
      optional: statement.optional,
      deferred: statement.deferred || statement.unreached,
    };
    if (!isLocal(name)) {
      addExternal(name, candidate, where);
      return true;
    }
    const parts = name.split('.');
    for (let i = 1; i <= parts.length; i++) {
      const prefix = parts.slice(0, i).join('.');
      const module = index.modules.get(prefix);
      if (module) keep(module, { kind: 'import', by: importer.module, line: statement.line });
      else if (!index.namespaces.has(prefix)) {
        if (!candidate && !statement.optional)
          warnings.push({
            file: where.file,
            source: where.source,
            line: where.line,
            message: `cannot resolve the import of "${name}": no ${describeMissing(prefix)} under the roots`,
          });
        return false;
      }
    }
    return true;
  };

  const resolveStatement = (importer: IndexedModule, statement: ImportStatement) => {
    const where = { file: importer.file, source: importer.source, line: statement.line, message: '' };
    let name = statement.module;
    if (statement.level > 0) {
      const anchor =
        statement.kind === 'dynamic'
          ? statement.package === '__name__'
            ? importer.module
            : statement.package === '__package__'
              ? packageOf(importer)
              : statement.package
          : packageOf(importer);
      if (anchor === null) return;
      const resolved = resolveRelative(statement.module, statement.level, anchor);
      if (resolved === undefined) {
        if (!statement.optional)
          warnings.push({
            ...where,
            message: `attempted relative import beyond top-level package (level ${statement.level} from "${anchor}")`,
          });
        return;
      }
      name = resolved;
    }
    if (name === '') return;
    if (statement.kind !== 'from') {
      require(name, importer, statement);
      return;
    }
    if (!require(name, importer, statement)) return;
    for (const item of statement.names) {
      if (item === '*') {
        stars.push({ base: name, importer, statement });
      } else if (index.modules.has(`${name}.${item}`) || index.namespaces.has(`${name}.${item}`)) {
        require(`${name}.${item}`, importer, statement);
      } else if (!isLocal(name)) {
        addExternal(`${name}.${item}`, true, {
          file: importer.file,
          source: importer.source,
          line: statement.line,
          optional: statement.optional,
          deferred: statement.deferred || statement.unreached,
        });
      }
    }
  };

  for (const entry of options.entries) {
    const module = index.modules.get(entry);
    if (!module)
      throw new PycacheOptionError(
        'entries',
        `names "${entry}", but there is no ${describeMissing(entry)} under the roots (${options.roots.join(', ')})`,
      );
    for (const parent of parents(entry)) {
      const pkg = index.modules.get(parent);
      if (pkg) keep(pkg, { kind: 'entry' });
    }
    keep(module, { kind: 'entry' });
  }
  for (const pattern of options.include ?? []) {
    const matches = [...index.modules.values()].filter((m) => matchModulePattern(pattern, m.module));
    if (matches.length === 0)
      throw new PycacheOptionError('include', `names "${pattern}", but no module under the roots matches it`);
    for (const module of matches) {
      for (const parent of parents(module.module)) {
        const pkg = index.modules.get(parent);
        if (pkg) keep(pkg, { kind: 'include', pattern });
      }
      keep(module, { kind: 'include', pattern });
    }
  }

  while (pending.length > 0 || stars.length > 0) {
    const batch = pending;
    pending = [];
    await parseAll(batch, options.target, parse, imports);
    for (const module of batch) {
      for (const statement of imports.get(module.module)?.imports ?? [])
        if (options.follow?.(statement) ?? true) resolveStatement(module, statement);
    }
    // A star import pulls the submodules its package's literal `__all__` lists, known once the package is parsed.
    for (let i = stars.length - 1; i >= 0; i--) {
      const { base, importer, statement } = stars[i];
      const parsedBase = imports.get(base);
      if (parsedBase === undefined && pending.some((m) => m.module === base)) continue;
      stars.splice(i, 1);
      for (const item of parsedBase?.all ?? []) {
        if (index.modules.has(`${base}.${item}`)) require(`${base}.${item}`, importer, statement);
      }
    }
  }

  const topLevels = [...new Set([...external.keys()].map((name) => name.split('.')[0]))].sort();
  const known = await (
    options.known ??
    (async (names) =>
      (await import('./import-parser.js')).knownExternalModules(names, options.target, options.projectRoot))
  )(topLevels);
  // Pyodide's packages (its lock file), named in the warning for an import of one: read once, when needed.
  let packages: Promise<ReadonlyMap<string, string>> | undefined;
  const runtimePackages = () => (packages ??= lockPackages(options.target, options.projectRoot));
  const externalModules = new Map<string, ExternalModule>();
  for (const name of [...external.keys()].sort()) {
    const record = external.get(name) as { candidate: boolean; importers: ExternalImport[] };
    const isKnown = known.has(name.split('.')[0]);
    externalModules.set(name, {
      module: name,
      candidate: record.candidate,
      known: isKnown,
      importers: record.importers,
    });
    if (!isKnown && !record.candidate) {
      const runtimePackage = (await runtimePackages()).get(name.split('.')[0]);
      for (const importer of record.importers.filter((i) => !i.optional)) {
        warnings.push({
          file: importer.file,
          source: importer.source,
          line: importer.line,
          message:
            runtimePackage === undefined
              ? `imports "${name}", which is neither under the roots nor importable by Python ${options.target.version} (stdlib, built-in or Pyodide's own)`
              : `imports "${name}", which is not under the roots: Pyodide's package "${runtimePackage}", which the page must load at run time (loadPackage, loadPackagesFromImports or micropip); with \`stdlib\`, name the stdlib modules it imports in \`stdlib.include\` (or ['*'])`,
        });
      }
    }
  }

  const bySource = (a: IndexedModule, b: IndexedModule) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0);
  const sortedKept = new Map([...kept.values()].sort(bySource).map((m) => [m.module, m]));
  const leftOut = [...index.modules.values()].filter((m) => !kept.has(m.module)).sort(bySource);
  warnings.sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : a.line - b.line));
  return { kept: sortedKept, leftOut, external: externalModules, warnings };
}

/** Parses the modules of `batch` not parsed yet (cached by target and content), into `into` by module name. */
async function parseAll(
  batch: readonly IndexedModule[],
  target: PythonTarget,
  parse: NonNullable<ImportGraphOptions['parse']>,
  into: Map<string, ParsedImports>,
): Promise<void> {
  const todo = new Map<string, Uint8Array>();
  const keys = new Map<string, string>();
  await Promise.all(
    batch.map(async (module) => {
      const bytes = new Uint8Array(await readFile(module.file));
      const key = `${target.cacheTag}:${createHash('sha256').update(bytes).digest('hex')}`;
      keys.set(module.module, key);
      const cached = parsed.get(key);
      if (cached) into.set(module.module, cached);
      else todo.set(module.file, bytes);
    }),
  );
  if (todo.size === 0) return;
  const answers = await parse(todo);
  for (const module of batch) {
    const answer = answers.get(module.file);
    if (!answer) continue;
    into.set(module.module, answer);
    parsed.set(keys.get(module.module) as string, answer);
  }
}

/** The package a module's relative imports resolve against: itself for a package, else its parent. */
function packageOf(module: IndexedModule): string {
  if (module.isPackage) return module.module;
  const dot = module.module.lastIndexOf('.');
  return dot < 0 ? '' : module.module.slice(0, dot);
}

/**
 * `importlib._bootstrap._resolve_name`: `name` at `level` from `anchor`; undefined when the level climbs above the
 * top-level package.
 */
export function resolveRelative(name: string, level: number, anchor: string): string | undefined {
  if (anchor === '') return undefined;
  const bits = anchor.split('.');
  if (bits.length < level) return undefined;
  const base = bits.slice(0, bits.length - (level - 1)).join('.');
  return name === '' ? base : `${base}.${name}`;
}

function parents(name: string): string[] {
  const parts = name.split('.');
  return parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('.'));
}

function describeMissing(name: string): string {
  const path = name.split('.').join('/');
  return `${path}.py or ${path}/__init__.py`;
}

/** `12 modules (34.5 kB)`. */
function amount(modules: readonly IndexedModule[]): string {
  const bytes = modules.reduce((sum, m) => sum + m.size, 0);
  return `${modules.length} module${modules.length === 1 ? '' : 's'} (${formatBytes(bytes)})`;
}

function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} kB`;
  return `${(bytes / 1_000_000).toFixed(2)} MB`;
}

/** The build's one summary line: modules and bytes kept and left out, and the modules imported from outside. */
export function graphSummary(graph: ImportGraph, entries: readonly string[]): string {
  const outside = [...graph.external.values()].filter((m) => !m.candidate).length;
  return (
    `pycache: entries ${entries.join(', ')}: kept ${amount([...graph.kept.values()])}, left out ${amount(graph.leftOut)}; ` +
    `${outside} module${outside === 1 ? '' : 's'} imported from outside the roots`
  );
}

/** How `module` was reached, following each module's first reason: `pkg.sub <- pkg.mod:3 <- app:1 (entry)`. */
export function importChain(graph: ImportGraph, module: string): string {
  const parts = [module];
  const seen = new Set<string>();
  let current = graph.kept.get(module);
  while (current && !seen.has(current.module)) {
    seen.add(current.module);
    const { reason } = current;
    if (reason.kind === 'entry') {
      parts[parts.length - 1] += ' (entry)';
      break;
    }
    if (reason.kind === 'include') {
      parts[parts.length - 1] += ` (include ${reason.pattern})`;
      break;
    }
    parts.push(`${reason.by}:${reason.line}`);
    current = graph.kept.get(reason.by);
  }
  return parts.join(' <- ');
}

/**
 * What the bundle imports from outside the roots, for the `stdlib` option: every name the target can import (the
 * stdlib part of the graph, with the `X.n` of `from X import n`, a submodule or a name: the caller checks which
 * exist), plus the names it cannot import at build time (a package the page loads at run time, such as a Pyodide
 * package, or a missing module) that a file imports when it is imported. An import of such a name under
 * `try/except ImportError` (PyJWT's of `cryptography`) or in a function (toml's of `numpy` for one encoder class)
 * does not count: the code runs without it. Sorted.
 */
export function importedOutsideRoots(graph: ImportGraph): string[] {
  return [...graph.external.values()]
    .filter((m) => m.known || (!m.candidate && m.importers.some((i) => !i.optional && !i.deferred)))
    .map((m) => m.module);
}

/** Top-level import names of the packages of the target's Pyodide (none without one, as when tests inject `parse`). */
async function lockPackages(target: PythonTarget, projectRoot: string): Promise<ReadonlyMap<string, string>> {
  try {
    const { findPyodide } = await import('../precompile/find-pyodide.js');
    const { pyodidePackageImports } = await import('./pyodide-packages.js');
    return pyodidePackageImports(findPyodide(target, projectRoot).dir);
  } catch {
    return new Map();
  }
}

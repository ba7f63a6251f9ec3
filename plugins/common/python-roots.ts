import { isAbsolute, relative, resolve, sep } from 'node:path';

/** Where a Python file sits: the root (`sys.path` entry) it lives under and its names relative to it. */
export interface PythonLocation {
  /** The absolute root folder. */
  root: string;
  /** POSIX path relative to `root` (`pkg/mod.py`), never starting with `../`. */
  source: string;
  /** Dotted module name (`pkg.mod`; `pkg` for `pkg/__init__.py`). */
  module: string;
}

/** A Python file outside every root: it has no module name and no manifest path. */
export class PythonRootError extends Error {
  override name = 'PythonRootError';
  readonly file: string;

  constructor(file: string, roots: readonly string[]) {
    super(
      `pycache: ${file} is outside every Python root (${roots.join(', ')}); add its folder to the "roots" option or move the file`,
    );
    this.file = file;
  }
}

/** Absolute root folders: `roots` resolved against `projectRoot` (default: the project root itself). */
export function resolveRoots(roots: readonly string[] | undefined, projectRoot: string): string[] {
  const list = roots === undefined ? [projectRoot] : roots.map((root) => resolve(projectRoot, root));
  return [...new Set(list.map((root) => resolve(root)))];
}

/**
 * Which root `file` (absolute) lives under, and its POSIX `source` path and dotted `module` name there. With
 * nested roots the deepest one wins, as the name a nested `sys.path` entry gives is the one its code imports by.
 * Throws {@link PythonRootError} when the file is under no root.
 */
export function locatePythonFile(file: string, roots: readonly string[]): PythonLocation {
  let best: PythonLocation | undefined;
  for (const root of roots) {
    const rel = relative(root, file);
    if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) continue;
    if (best && best.root.length >= root.length) continue;
    const source = rel.split(sep).join('/');
    best = { root, source, module: moduleNameFor(source) };
  }
  if (!best) throw new PythonRootError(file, roots);
  return best;
}

/**
 * Why a root-relative POSIX source path cannot be a module path in a manifest, or `null` when it can. Every host
 * asks this one function, so the CLI and the plugins keep and leave out the same files: a name starting with `.`
 * (`.hidden.py`, `..py`, `.dir/m.py`) gives an empty part in the dotted module name, which no import can name;
 * a backslash is an ordinary character of a POSIX file name but a separator on Windows, and manifest paths may
 * not hold one (docs/manifest.schema.json; the runtime refuses them).
 */
export function moduleSourceProblem(source: string): string | null {
  const parts = source.split('/');
  const hidden = parts.find((part) => part.startsWith('.'));
  if (hidden !== undefined)
    return `'${hidden}' starts with '.': no module name can reach it ('${moduleNameFor(source)}')`;
  if (source.includes('\\')) return 'a backslash cannot stand in a manifest path (it separates folders on Windows)';
  return null;
}

/**
 * The dotted module name of a root-relative POSIX source path: the final suffix dropped, `/` → `.`, and a
 * trailing `__init__` dropped (`pkg/__init__.py` is `pkg`; a root-level `__init__.py` stays `__init__`).
 */
export function moduleNameFor(source: string): string {
  const parts = source.split('/');
  const last = parts[parts.length - 1];
  const dot = last.lastIndexOf('.');
  parts[parts.length - 1] = dot > 0 ? last.slice(0, dot) : last;
  if (parts.length > 1 && parts[parts.length - 1] === '__init__') parts.pop();
  return parts.join('.');
}

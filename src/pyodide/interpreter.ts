import type { CacheKey, ManifestLevel } from '../contract/index.js';
import { cacheKey, magicHex, type PycacheManifest } from './manifest.js';
import type { PyodideLike } from './pyodide-like.js';
import { runPythonJson } from './run-python.js';

/** What the running interpreter says about bytecode caching. */
export interface InterpreterFacts {
  /** `'3.14'`. */
  readonly version: string;
  /** `'3.14.2'`. */
  readonly fullVersion: string;
  /** `sys.implementation.cache_tag`. */
  readonly cacheTag: string | null;
  /** `importlib.util.MAGIC_NUMBER`, lowercase hex. */
  readonly magicNumber: string;
  /** `sys.flags.optimize`. */
  readonly optimize: number;
  /** `sys.pycache_prefix`. */
  readonly pycachePrefix: string | null;
}

interface CheckAnswer extends InterpreterFacts {
  /** `[source, level, interpreter's path]` for the first entries whose cache path differs. */
  readonly mismatches: [string, CacheKey, string][];
}

const CHECK_PY = `
import sys, importlib.util
facts = {
    'version': '%d.%d' % sys.version_info[:2],
    'fullVersion': sys.version.split()[0],
    'cacheTag': sys.implementation.cache_tag,
    'magicNumber': importlib.util.MAGIC_NUMBER.hex(),
    'optimize': sys.flags.optimize,
    'pycachePrefix': getattr(sys, 'pycache_prefix', None),
    'mismatches': [],
}
root = ARG['root']
for source, level, expected in ARG['paths']:
    try:
        got = importlib.util.cache_from_source(root + '/' + source, optimization=level)
    except Exception as exc:
        got = '%s: %s' % (type(exc).__name__, exc)
    if got != root + '/' + expected:
        facts['mismatches'].append([source, level, got])
        if len(facts['mismatches']) >= 3:
            break
result = facts
`;

/**
 * Asks the interpreter for its version, cache tag and magic number, and for `cache_from_source` of every
 * manifest path at `levels`, and throws an `Error` naming both versions when the manifest was built for
 * another interpreter or when a single path disagrees (for example under `sys.pycache_prefix`).
 */
export function checkInterpreter(
  pyodide: PyodideLike,
  manifest: PycacheManifest,
  root: string,
  levels: readonly ManifestLevel[],
): InterpreterFacts {
  const paths: [string, CacheKey, string][] = [];
  for (const entry of manifest.modules) {
    for (const level of levels) {
      const cache = entry.cache[cacheKey(level)];
      if (cache !== undefined) paths.push([entry.source, cacheKey(level), cache]);
    }
  }
  const answer = runPythonJson<CheckAnswer>(pyodide, CHECK_PY, { root: fsRoot(root), paths });
  const { mismatches, ...facts } = answer;
  const wanted = manifest.python;
  const wantedMagic = magicHex(wanted.magicNumber);
  if (
    wanted.version !== facts.version ||
    wanted.cacheTag !== facts.cacheTag ||
    (wantedMagic !== undefined && wantedMagic !== facts.magicNumber)
  ) {
    throw new Error(
      `pycache-kit/pyodide: the bundle was built for Python ${wanted.version} (cache tag ${String(wanted.cacheTag)}` +
        `${wantedMagic ? `, magic number ${wantedMagic}` : ''}) but this Pyodide runs Python ${facts.fullVersion} ` +
        `(cache tag ${String(facts.cacheTag)}, magic number ${facts.magicNumber}). Build with python: '${facts.version}' ` +
        `or load a Pyodide that runs Python ${wanted.version}.`,
    );
  }
  if (mismatches.length > 0) {
    const [source, level, got] = mismatches[0];
    const expected = manifest.modules.find((m) => m.source === source)?.cache[level];
    throw new Error(
      `pycache-kit/pyodide: Python ${facts.fullVersion} puts the bytecode of ${source} at ${got}, not at ` +
        `${fsRoot(root)}/${String(expected)} as the manifest says` +
        `${facts.pycachePrefix ? ` (sys.pycache_prefix is ${facts.pycachePrefix})` : ''}.`,
    );
  }
  return facts;
}

/** `root` without a trailing slash, `''` for `/`, so `fsRoot(root) + '/' + path` is the file's path. */
export function fsRoot(root: string): string {
  return root.replace(/\/+$/, '');
}

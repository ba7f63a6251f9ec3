import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { MANIFEST_FORMAT } from '../../src/contract/index.js';
// Not the `pyodide/index.js` barrel: it holds loadPython, whose run-time import of Pyodide webpack's scan of a
// config's build dependencies would meet (and warn about, or follow into the Pyodide package's own imports).
import { installModules } from '../../src/pyodide/install-modules.js';
import type { PyodideLike } from '../../src/pyodide/pyodide-like.js';
import { runPythonJson } from '../../src/pyodide/run-python.js';
import type { PyodidePackage } from '../precompile/find-pyodide.js';
import { cacheKeyOf } from './build-cache.js';
import { requirePyodide } from './pyodide-module.js';
import type { BuildCache } from './build-cache.js';

/** The Pyodide API the probe drives (the npm package's, narrowed). */
interface ProbePyodide extends PyodideLike {
  runPythonAsync(code: string): Promise<unknown>;
  loadPackagesFromImports(code: string): Promise<unknown>;
  toPy(value: unknown): unknown;
}

/** Bump when {@link probe} changes what it exercises: cached answers of an older probe are then ignored. */
const PROBE_VERSION = 2;

// What a page typically does with Pyodide after it starts, beyond what the app's own imports reach: the
// async runner (asyncio and Pyodide's webloop), JS <-> Python conversion, a Python exception turned into a JS
// error (traceback formatting, linecache), Pyodide's import scanner, `importlib.invalidate_caches()` (which from
// 3.13 imports importlib.metadata and email), and pycache-kit's own installModules.
async function probe(pyodide: ProbePyodide): Promise<void> {
  pyodide.runPython('1 + 1');
  await pyodide.runPythonAsync('import asyncio\nawait asyncio.sleep(0)');
  pyodide.toPy({ a: [1, 2] });
  try {
    pyodide.runPython('def f():\n    raise ValueError("probe")\nf()');
  } catch {
    // The traceback was formatted: that is what this step exercises.
  }
  pyodide.runPython(
    'from pyodide.ffi import to_js, create_proxy\nto_js([1])\nfrom pyodide.code import eval_code, find_imports\neval_code("1")',
  );
  await pyodide.loadPackagesFromImports('import json');
  pyodide.runPython('import importlib\nimportlib.invalidate_caches()');
  const source = new TextEncoder().encode('VALUE = 1\n');
  const python = runPythonJson<{ version: string; cacheTag: string; magicNumber: string }>(
    pyodide,
    `import sys, importlib.util
result = {'version': '%d.%d' % sys.version_info[:2], 'cacheTag': sys.implementation.cache_tag, 'magicNumber': importlib.util.MAGIC_NUMBER.hex()}`,
    null,
  );
  // A complete manifest (the runtime validates every field), one module, no bytecode.
  await installModules(
    pyodide,
    {
      format: MANIFEST_FORMAT,
      python,
      bytecode: null,
      modules: [
        {
          module: 'pycache_kit_probe',
          source: 'pycache_kit_probe.py',
          cache: { '': `__pycache__/pycache_kit_probe.${python.cacheTag}.pyc` },
          encoding: 'utf-8',
          size: source.byteLength,
          sha256: createHash('sha256').update(source).digest('hex'),
        },
      ],
    },
    { files: { 'pycache_kit_probe.py': source }, bytecode: false, verify: true, root: '/tmp/pycache-kit-probe' },
  );
  pyodide.runPython('import pycache_kit_probe');
}

const digests = new Map<string, string>();

/** SHA-256 of a Pyodide release's stdlib zip and loader: what cached answers about that release are keyed by. */
export function pyodideDigest(pkg: PyodidePackage): string {
  let digest = digests.get(pkg.dir);
  if (digest === undefined) {
    const hash = createHash('sha256');
    for (const file of ['python_stdlib.zip', 'pyodide.asm.mjs']) hash.update(readFileSync(join(pkg.dir, file)));
    digest = hash.digest('hex');
    digests.set(pkg.dir, digest);
  }
  return digest;
}

/**
 * The modules a freshly started Pyodide of `pkg` holds in `sys.modules` after it starts, after typical use
 * ({@link probe}) and after importing each of `imports` (the app's stdlib imports, whose own imports run then),
 * found by running that Pyodide in Node, not from a list. Sorted. The answer is cached per Pyodide release
 * (its stdlib zip and loader) and list of imports.
 */
export async function pyodideRuntimeModules(
  pkg: PyodidePackage,
  options: { cache?: BuildCache; imports?: Iterable<string> } = {},
): Promise<string[]> {
  const { cache } = options;
  const imports = [...new Set(options.imports ?? [])].sort();
  const key = cacheKeyOf([
    'pycache-kit runtime modules',
    PROBE_VERSION,
    pkg.name,
    pkg.version,
    pyodideDigest(pkg),
    imports,
  ]);
  const cached = cache ? await cache.get(key) : undefined;
  if (cached) {
    const list = JSON.parse(new TextDecoder().decode(cached)) as unknown;
    if (Array.isArray(list) && list.every((name) => typeof name === 'string')) return list as string[];
  }
  const { loadPyodide } = requirePyodide<{
    loadPyodide(options: {
      indexURL: string;
      stdout?: (line: string) => void;
      stderr?: (line: string) => void;
    }): Promise<ProbePyodide>;
  }>(pkg.dir);
  const pyodide = await loadPyodide({ indexURL: pkg.dir + sep, stdout: () => {}, stderr: () => {} });
  await probe(pyodide);
  // What the app's stdlib imports import in turn when they run (a missing one is the graph's to report).
  runPythonJson(
    pyodide,
    'for name in ARG:\n    try:\n        __import__(name)\n    except Exception:\n        pass\nresult = None',
    imports,
  );
  const modules = JSON.parse(
    pyodide.runPython('import json, sys\njson.dumps(sorted(sys.modules))') as string,
  ) as string[];
  const list = modules.filter((name) => name !== 'pycache_kit_probe');
  if (cache) await cache.set(key, new TextEncoder().encode(JSON.stringify(list)));
  return list;
}

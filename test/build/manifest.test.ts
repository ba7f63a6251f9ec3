// The shared manifest code: cache paths checked live against Pyodide's CPython 3.14, the serializer's bytes,
// root resolution, option validation, decode-error positions and the JSON Schema.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validate } from 'schema-utils';
import { build } from 'vite';
import { beforeAll, describe, expect, it } from 'vitest';
import { pythonTarget } from '../../src/index.js';
import { positionOf } from '../../plugins/common/decode-error.js';
import { buildManifest, cachePathsFor, serializeManifest } from '../../plugins/common/manifest.js';
import { toHex } from '../../src/contract/index.js';
import type { ManifestModule, PycacheManifest } from '../../plugins/common/manifest.js';
import pycache from '../../plugins/vite.js';
import { resolveOptions } from '../../plugins/common/options.js';
import { defaultProjectTarget, detectProjectPython } from '../../plugins/common/project-python.js';
import { locatePythonFile, moduleNameFor, PythonRootError, resolveRoots } from '../../plugins/common/python-roots.js';
import { appDir, expectedModules, repoRoot } from '../helpers/vite-fixtures.js';

interface Pyodide {
  runPython(code: string): unknown;
  globals: { set(name: string, value: unknown): void };
}
let pyodide: Pyodide;

beforeAll(async () => {
  const { loadPyodide } = await import('pyodide');
  pyodide = (await loadPyodide()) as unknown as Pyodide;
});

// Sources whose cache paths are worth checking: the fixture tree plus names CPython treats specially
// (several dots, no suffix, a leading dot, .pyw, non-ASCII, an __init__ at the root, deep packages).
const sources = [
  ...Object.keys(expectedModules('basic')),
  'pkg/mod.pyw',
  'pkg/a.b.c.py',
  'pkg/noext',
  'pkg/.hidden.py',
  'pkg/.hidden',
  'café/naïve.py',
  '__init__.py',
  'a/b/c/d/e/f.py',
  'pkg/__init__.pyw',
  'x.py',
  'dots.in.dir/m.py',
];

describe('cache paths against Pyodide (CPython 3.14) importlib.util.cache_from_source', () => {
  it('agree for every level on every sample source', () => {
    pyodide.globals.set('sources', JSON.stringify(sources));
    const answers = JSON.parse(
      pyodide.runPython(`
import importlib.util, json
json.dumps({s: {'': importlib.util.cache_from_source(s, optimization=''),
                '1': importlib.util.cache_from_source(s, optimization=1),
                '2': importlib.util.cache_from_source(s, optimization=2)} for s in json.loads(sources)})
`) as string,
    ) as Record<string, Record<string, string>>;
    const target = pythonTarget('3.14');
    for (const source of sources) expect(cachePathsFor(source, target, [0, 1, 2]), source).toEqual(answers[source]);
  });

  it("agree for every cache path of a real Vite build's manifest (target 3.14, levels 0, 1, 2)", async () => {
    const root = appDir('basic');
    const result = await build({
      root,
      configFile: false,
      logLevel: 'silent',
      plugins: [pycache({ python: '3.14', roots: ['py'], optimizations: [0, 1, 2] })],
      build: { write: false, lib: { entry: join(root, 'main.js'), formats: ['es'] } },
    });
    const output = (Array.isArray(result) ? result[0] : result) as {
      output: { fileName: string; source?: string | Uint8Array }[];
    };
    const manifest = JSON.parse(
      String(output.output.find((file) => file.fileName === 'pycache-manifest.json')?.source),
    ) as PycacheManifest;
    expect(manifest.modules).toHaveLength(Object.keys(expectedModules('basic')).length);
    pyodide.globals.set('sources', JSON.stringify(manifest.modules.map((m) => m.source)));
    const answers = JSON.parse(
      pyodide.runPython(`
import importlib.util, json
json.dumps({s: {'': importlib.util.cache_from_source(s, optimization=''),
                '1': importlib.util.cache_from_source(s, optimization=1),
                '2': importlib.util.cache_from_source(s, optimization=2)} for s in json.loads(sources)})
`) as string,
    ) as Record<string, Record<string, string>>;
    for (const entry of manifest.modules) expect(entry.cache, entry.source).toEqual(answers[entry.source]);
  });

  it('agree on the version, cache tag and magic number in the manifest header', () => {
    const [version, tag, magic] = JSON.parse(
      pyodide.runPython(`
import importlib.util, json, sys
json.dumps(['%d.%d' % sys.version_info[:2], sys.implementation.cache_tag, importlib.util.MAGIC_NUMBER.hex()])
`) as string,
    ) as string[];
    const manifest = buildManifest(pythonTarget(version), []);
    expect(manifest.python).toEqual({ version, cacheTag: tag, magicNumber: magic });
  });

  it("finds the installed pyodide package's Python as the default target", () => {
    const version = pyodide.runPython("import sys; '%d.%d' % sys.version_info[:2]");
    expect(detectProjectPython(repoRoot)?.version).toBe(version);
    expect(defaultProjectTarget(repoRoot)).toMatchObject({ source: 'pyodide', target: { version } });
  });
});

describe('fixtures/apps expected.json (written by scripts/generate-app-fixtures.mjs from CPython 3.12)', () => {
  const apps = ['basic', 'bad', 'bad-cookie'] as const;

  it("agrees with Pyodide's importlib.util.decode_source and tokenize.detect_encoding, re-derived live", () => {
    for (const app of apps) {
      const expected = expectedModules(app);
      const files = Object.fromEntries(
        Object.keys(expected).map((source) => [source, [...readFileSync(join(appDir(app), 'py', source))]]),
      );
      pyodide.globals.set('files', JSON.stringify(files));
      const live = JSON.parse(
        pyodide.runPython(`
import importlib.util, io, json, tokenize
out = {}
for source, data in json.loads(files).items():
    data = bytes(data)
    try:
        out[source] = {'encoding': tokenize.detect_encoding(io.BytesIO(data).readline)[0], 'text': importlib.util.decode_source(data)}
    except Exception as e:
        out[source] = {'error': type(e).__name__ + ': ' + str(e)}
json.dumps(out)
`) as string,
      ) as Record<string, { encoding?: string; text?: string; error?: string }>;
      for (const [source, want] of Object.entries(expected)) {
        if (want.error) expect(live[source].error, source).toBe(`${want.error.type}: ${want.error.message}`);
        else expect(live[source], source).toEqual({ encoding: want.encoding, text: want.text });
      }
    }
  });

  const python312 = (() => {
    try {
      return join(
        execFileSync('pyenv', ['prefix', '3.12.1'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim(),
        'bin',
        'python3',
      );
    } catch {
      return undefined;
    }
  })();
  it.skipIf(!python312)(
    `is what pyenv's CPython 3.12.1 says today${python312 ? '' : ' (skipped: pyenv CPython 3.12.1 is not installed)'}`,
    () => {
      const generated = execFileSync(
        process.execPath,
        [join(repoRoot, 'scripts/generate-app-fixtures.mjs'), python312 as string, '--check'],
        { encoding: 'utf8' },
      );
      expect(generated).toContain('up to date');
    },
  );
});

describe('default target detection', () => {
  it('reads pyodide-lock.json info.python, else a 3XY package version, else falls back to the core default', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pycache-project-'));
    const pkg = join(dir, 'node_modules', 'pyodide');
    mkdirSync(pkg, { recursive: true });
    writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: 'pyodide', version: '0.27.7' }));
    expect(detectProjectPython(join(dir, 'app'))).toBeUndefined();
    expect(defaultProjectTarget(dir).source).toBe('default');
    writeFileSync(join(pkg, 'pyodide-lock.json'), JSON.stringify({ info: { python: '3.12.7' } }));
    expect(detectProjectPython(join(dir, 'app'))?.version).toBe('3.12');
    writeFileSync(join(pkg, 'pyodide-lock.json'), '{}');
    writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: 'pyodide', version: '313.0.1' }));
    expect(detectProjectPython(dir)?.version).toBe('3.13');
  });
});

function entry(source: string, cache: Record<string, string> = { '': `__pycache__/${source}c` }): ManifestModule {
  return { module: moduleNameFor(source), source, cache, encoding: 'utf-8', size: 1, sha256: '0'.repeat(64) };
}

describe('manifest serialization', () => {
  const target = pythonTarget('3.12');

  it('sorts modules by code units and writes cache keys "", "1", "2" in that order', () => {
    const text = serializeManifest(
      buildManifest(target, [entry('é.py'), entry('a.py', { '2': 'x2', '': 'x0', '1': 'x1' }), entry('B.py')]),
    );
    const parsed = JSON.parse(text);
    expect(parsed.modules.map((m: ManifestModule) => m.source)).toEqual(['B.py', 'a.py', 'é.py']);
    expect(text.indexOf('"": "x0"')).toBeLessThan(text.indexOf('"1": "x1"'));
    expect(text.indexOf('"1": "x1"')).toBeLessThan(text.indexOf('"2": "x2"'));
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).not.toContain('\r');
    // The hand-written serializer is plain JSON: reparsed and re-serialized, it gives the same bytes.
    expect(serializeManifest(parsed)).toBe(text);
  });

  it('gives the same bytes whatever order the modules came in', () => {
    const modules = ['pkg/__init__.py', 'pkg/a.py', 'z.py', 'pkg/sub/b.py'].map((s) => entry(s));
    expect(serializeManifest(buildManifest(target, [...modules].reverse()))).toBe(
      serializeManifest(buildManifest(target, modules)),
    );
  });

  it('refuses two files on one manifest path', () => {
    expect(() => buildManifest(target, [entry('a.py'), entry('a.py')])).toThrow(
      /two Python files map to the manifest path "a.py"/,
    );
  });

  it('writes the magic number as 8 lowercase hex digits', () => {
    expect(toHex(Uint8Array.of(0xcb, 0x0d, 0x0d, 0x0a))).toBe('cb0d0d0a');
  });

  it('matches docs/manifest.schema.json', () => {
    const schema = JSON.parse(readFileSync(join(repoRoot, 'docs/manifest.schema.json'), 'utf8'));
    const manifest = buildManifest(target, [
      entry('pkg/__init__.py', cachePathsFor('pkg/__init__.py', target, [0, 2])),
    ]);
    expect(() => validate(schema, JSON.parse(serializeManifest(manifest)))).not.toThrow();
    expect(() => validate(schema, { ...manifest, format: 'other' })).toThrow();
    expect(() => validate(schema, { ...manifest, modules: [{ ...manifest.modules[0], cache: { 3: 'x' } }] })).toThrow();
  });
});

describe('python roots', () => {
  const project = join(tmpdir(), 'project');
  const roots = resolveRoots(['.', 'src', 'src/vendor'], project);

  it('uses the deepest root a file lives under, with POSIX paths and dotted names', () => {
    expect(locatePythonFile(join(project, 'src/pkg/sub/__init__.py'), roots)).toEqual({
      root: join(project, 'src'),
      source: 'pkg/sub/__init__.py',
      module: 'pkg.sub',
    });
    expect(locatePythonFile(join(project, 'src/vendor/lib.py'), roots).module).toBe('lib');
    expect(locatePythonFile(join(project, 'tool.py'), roots).source).toBe('tool.py');
    expect(moduleNameFor('__init__.py')).toBe('__init__');
    expect(moduleNameFor('pkg/gui.pyw')).toBe('pkg.gui');
  });

  it('refuses a file under no root instead of giving a ../ path', () => {
    expect(() => locatePythonFile(join(project, '..', 'elsewhere', 'x.py'), roots)).toThrow(PythonRootError);
    expect(() => locatePythonFile(join(project, 'srcx', 'x.py'), resolveRoots(['src'], project))).toThrow(
      /outside every Python root/,
    );
  });

  it('defaults to the project root', () => {
    expect(resolveRoots(undefined, project)).toEqual([project]);
  });
});

describe('options', () => {
  it.each([
    [{ python: 3.12 }, 'python'],
    [{ python: '4.0' }, 'python'],
    [{ python: { version: '3.12', pycachePrefix: '/tmp/pyc' } }, 'python'],
    [{ roots: 'src' }, null],
    [{ roots: [1] }, 'roots'],
    [{ include: 5 }, 'include'],
    [{ exclude: [/x/, 2] }, 'exclude'],
    [{ optimizations: [] }, 'optimizations'],
    [{ optimizations: ['2'] }, 'optimizations'],
    [{ manifest: '/abs.json' }, 'manifest'],
    [{ manifest: 'a\\b.json' }, 'manifest'],
    [{ manifest: 'dir/m.json' }, null],
    [{ emitSources: 1 }, 'emitSources'],
    [{ precompile: { invalidationMode: 'timestamp' } }, 'precompile'],
    [{ precompile: { mode: 'checked-hash' } }, 'precompile'],
    [{ unknown: true }, 'unknown'],
    ['3.12', 'options'],
  ])('%j → error naming %s', (raw, option) => {
    if (option === null) {
      expect(() => resolveOptions(raw)).not.toThrow();
    } else {
      expect(() => resolveOptions(raw)).toThrow(`option "${option}"`);
    }
  });

  it('applies the defaults', () => {
    const resolved = resolveOptions({ python: '3.11' });
    expect(resolved).toMatchObject({
      targetSource: 'option',
      optimizations: [0],
      manifest: 'pycache-manifest.json',
      emitSources: false,
      precompile: false,
      include: ['**/*.py', '**/*.pyw'],
    });
    expect(resolveOptions({ python: { version: '3.11', optimize: 2 } }).optimizations).toEqual([2]);
    expect(resolveOptions({ optimizations: [2, 0, 2] }).optimizations).toEqual([0, 2]);
    expect(resolveOptions({ precompile: true }).precompile).toEqual({ invalidationMode: 'checked-hash' });
  });
});

describe('decode error positions', () => {
  // Hand-written: the byte offsets CPython reports index the whole file, and lines end at \n, \r\n or \r.
  it('counts universal newlines and characters before the bad byte', () => {
    const bytes = new Uint8Array(Buffer.from('a\r\nb\rc\nd = "é\xff', 'latin1'));
    expect(positionOf(bytes, bytes.length - 1, 'latin-1')).toEqual({ line: 4, column: 6 });
    const utf8 = new Uint8Array(Buffer.concat([Buffer.from('\ufeffx = "é'), Buffer.from([0xff])]));
    expect(positionOf(utf8, utf8.length - 1, 'utf-8')).toEqual({ line: 1, column: 6 });
  });
});

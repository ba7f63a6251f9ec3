// Real bundles of fixtures/graph-app with `entries`: Vite, webpack and Rspack builds follow the Python imports (every
// form), compile them (precompile) and ship them as one archive; both hosts give the same bytes; `loadPython`
// installs the archive into Pyodide in Node, and `import app` compiles nothing.
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build as viteBuild, createLogger } from 'vite';
import { rspack } from '@rspack/core';
import type { RspackOptions } from '@rspack/core';
import webpack from 'webpack';
import type { Configuration } from 'webpack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pycache from '../../plugins/vite.js';
import type { PycacheManifest } from '../../plugins/vite.js';
import { PycachePlugin } from '../../plugins/webpack/plugin.js';
import { loadPython, readArchive } from '../../src/pyodide/index.js';
import type { LoadPythonResult } from '../../src/pyodide/index.js';
import { GRAPH_APP, GRAPH_APP_KEPT } from '../helpers/graph-app.js';

const fixture = join(GRAPH_APP, 'py');
const options = {
  python: '3.14',
  roots: ['py'],
  entries: ['app'],
  include: ['plugins.*'],
  precompile: true,
  manifest: 'py/pycache-manifest.json',
};
const KEPT = GRAPH_APP_KEPT;

let project: string;
type Host = 'vite' | 'webpack' | 'rspack';
const out: Record<Host, { dir: string; info: string[]; warnings: string[] }> = {} as never;

function files(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(dir, `${prefix}${e.name}/`) : [`${prefix}${e.name}`]))
    .sort();
}

/** A `fetch` over a folder, counting requests. */
function folderFetch(dir: string, log: string[]) {
  return async (url: string) => {
    log.push(url);
    const path = join(dir, decodeURIComponent(new URL(url).pathname));
    try {
      const bytes = readFileSync(path);
      return {
        ok: true,
        status: 200,
        arrayBuffer: async () =>
          bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
      };
    } catch {
      return { ok: false, status: 404, arrayBuffer: async () => new ArrayBuffer(0) };
    }
  };
}

beforeAll(async () => {
  project = mkdtempSync(join(tmpdir(), 'pycache-entries-'));
  cpSync(fixture, join(project, 'py'), { recursive: true });
  writeFileSync(
    join(project, 'vite-main.js'),
    'import manifest from "virtual:pycache-manifest";\nexport default manifest;\n',
  );
  writeFileSync(join(project, 'main.js'), 'export default "no Python imported from JS";\n');

  const info: string[] = [];
  const warnings: string[] = [];
  const logger = createLogger('info');
  logger.info = (msg) => void info.push(msg);
  logger.warn = (msg) => void warnings.push(msg);
  await viteBuild({
    root: project,
    configFile: false,
    customLogger: logger,
    logLevel: 'info',
    plugins: [pycache(options)],
    build: {
      outDir: join(project, 'dist-vite'),
      emptyOutDir: true,
      minify: false,
      lib: { entry: join(project, 'vite-main.js'), formats: ['es'], fileName: 'main' },
    },
  });
  out.vite = { dir: join(project, 'dist-vite'), info, warnings };

  for (const host of ['webpack', 'rspack'] as const) {
    const config = {
      context: project,
      mode: 'production' as const,
      devtool: false as const,
      target: 'node',
      entry: './main.js',
      output: { path: join(project, `dist-${host}`), filename: 'main.cjs', clean: true },
      plugins: [new PycachePlugin(options)],
      infrastructureLogging: { level: 'error' as const },
    };
    type StatsJson = {
      errors?: { message: string }[];
      warnings?: { message: string }[];
      logging?: Record<string, { entries: { message?: string }[] }>;
    };
    const json = await new Promise<StatsJson>((resolve, reject) => {
      const done = (e: Error | null, s?: { toJson(o: object): unknown }) =>
        e || !s
          ? reject(e)
          : resolve(s.toJson({ all: false, errors: true, warnings: true, logging: 'info' }) as StatsJson);
      if (host === 'webpack') webpack(config as Configuration, done);
      else rspack(config as RspackOptions, done as never);
    });
    expect(json.errors ?? []).toEqual([]);
    const logged = Object.values(json.logging ?? {}).flatMap((l) => l.entries.map((e) => e.message ?? ''));
    out[host] = {
      dir: join(project, `dist-${host}`),
      info: logged,
      warnings: (json.warnings ?? []).map((w) => w.message),
    };
  }
}, 300_000);

afterAll(() => rmSync(project, { recursive: true, force: true }));

describe.each(['vite', 'webpack', 'rspack'] as const)('%s build with entries', (host) => {
  it('holds what the entries import and nothing else, in one archive next to the manifest', () => {
    const { dir, info, warnings } = out[host];
    const manifest = JSON.parse(readFileSync(join(dir, 'py/pycache-manifest.json'), 'utf8')) as PycacheManifest;
    expect(manifest.modules.map((m) => m.module).sort()).toEqual(KEPT);
    expect(manifest.archive?.file).toMatch(/^pycache-bundle\.[0-9a-f]{16}\.zip$/);
    // Only the manifest and the archive: no per-file sources or .pyc.
    expect(files(join(dir, 'py'))).toEqual([manifest.archive!.file, 'pycache-manifest.json']);
    const archive = readFileSync(join(dir, 'py', manifest.archive!.file));
    expect(archive.byteLength).toBe(manifest.archive!.size);
    const entries = readArchive(new Uint8Array(archive));
    expect([...entries.keys()]).toEqual(manifest.modules.flatMap((m) => [m.source, m.cache['']!]).sort());
    for (const m of manifest.modules)
      expect(entries.get(m.source)).toEqual(new Uint8Array(readFileSync(join(fixture, m.source))));
    expect(info.filter((l) => l.includes('pycache: entries app:'))).toEqual([
      expect.stringMatching(/kept 19 modules .*, left out 3 modules/),
    ]);
    const ours = warnings.filter((w) => w.includes('pycache: '));
    expect(ours).toHaveLength(3);
    expect(ours[0]).toContain(
      `${join(project, 'py/app/__init__.py')}:39: cannot resolve the import of "app.missing_required"`,
    );
  });
});

it('virtual:pycache-manifest in the Vite bundle is the emitted manifest: the modules the entries reach, the archive record', async () => {
  const built = (await import(pathToFileURL(join(out.vite.dir, 'main.mjs')).href)) as { default: PycacheManifest };
  const written = JSON.parse(readFileSync(join(out.vite.dir, 'py/pycache-manifest.json'), 'utf8')) as PycacheManifest;
  expect(written.archive).toBeDefined();
  expect(built.default).toEqual(written);
});

it('every host gives byte-identical manifests and archives', () => {
  const read = (host: Host, path: string) => readFileSync(join(out[host].dir, 'py', path));
  const { file } = JSON.parse(read('vite', 'pycache-manifest.json').toString('utf8')).archive as { file: string };
  for (const host of ['webpack', 'rspack'] as const) {
    expect(read('vite', 'pycache-manifest.json').equals(read(host, 'pycache-manifest.json'))).toBe(true);
    expect(read('vite', file).equals(read(host, file))).toBe(true);
  }
});

it('loadPython installs the archive while Pyodide boots; import app compiles nothing', async () => {
  const requests: string[] = [];
  let result: LoadPythonResult | undefined;
  const pyodide = await loadPython(pathToFileURL(join(out.vite.dir, 'py/pycache-manifest.json')), {
    fetch: folderFetch('/', requests),
    // Pyodide's own pyodide.mjs imported from its folder at run time, as a page does with a served runtime.
    indexURL: fileURLToPath(new URL('../../node_modules/pyodide/', import.meta.url)),
    pyodideOptions: { stdout: () => {}, stderr: () => {} },
    onInstalled: (r) => {
      result = r;
    },
  });
  expect(requests.map((u) => u.slice(u.lastIndexOf('/') + 1))).toEqual([
    'pycache-manifest.json',
    expect.stringMatching(/^pycache-bundle\.[0-9a-f]{16}\.zip$/),
  ]);
  expect(result?.requests).toBe(2);
  expect(result?.bytecodeFiles).toBe(KEPT.length);
  const answer = JSON.parse(
    pyodide.runPython(`
import sys, json
compiled = []
sys.addaudithook(lambda event, args: event == 'compile' and compiled.append(str(args[1])))
before = set(sys.modules)
import app
app.later(); app.Holder.member
names = sorted(n for n in sys.modules if n == 'app' or n.startswith(('app.', 'plugins')))
# Control: a module written without bytecode is compiled, and the hook sees it.
with open('/home/pyodide/control_mod.py', 'w') as f:
    f.write('C = 1\\n')
sys.path_importer_cache['/home/pyodide'].invalidate_caches()
import control_mod
json.dumps({'ours': [c for c in compiled if c.startswith('/home/pyodide') and 'control_mod' not in c],
            'control': [c for c in compiled if 'control_mod' in c],
            'cached': sorted(m.__spec__.cached for n, m in sys.modules.items() if n in names and m.__spec__.cached),
            'names': names, 'metadata': 'importlib.metadata' in sys.modules})
`) as string,
  ) as { ours: string[]; control: string[]; cached: string[]; names: string[]; metadata: boolean };
  expect(answer.control).toEqual(['/home/pyodide/control_mod.py']);
  expect(answer.ours).toEqual([]);
  expect(answer.names).toEqual([
    'app',
    'app.conditional',
    'app.core',
    'app.core.engine',
    'app.dunder',
    'app.dyn',
    'app.dyn_abs',
    'app.in_class',
    'app.late',
    'app.ns_pkg',
    'app.ns_pkg.portion',
    'app.sub',
    'app.sub.deep',
    'app.sub.deep.leaf',
    'app.sub.sibling',
    'app.util',
  ]);
  expect(answer.cached).toHaveLength(answer.names.length - 1); // all but the namespace package app.ns_pkg
  expect(answer.cached.filter((c) => !c.endsWith('.cpython-314.pyc'))).toEqual([]);
  // Only the written folders' finders were invalidated: importlib.invalidate_caches() would import importlib.metadata.
  expect(answer.metadata).toBe(false);
}, 300_000);

// The manifest says whether the build made bytecode, and the runtime believes it: real Vite and webpack builds
// of the basic fixture app (Python 3.14, with and without precompile), installed into real Pyodide 3.14 in Node
// through a counting fetch over the build output. Without bytecode not one .pyc is requested; with it every
// .pyc is fetched and checked against the size and SHA-256 the manifest carries.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validate } from 'schema-utils';
import { build as viteBuild } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pycache from '../../plugins/vite.js';
import { installModules, type PycacheManifest } from '../../src/pyodide/index.js';
import { forget, installCounters, loadTestPyodide, py, type TestPyodide } from '../helpers/pyodide-helpers.js';
import { appDir, repoRoot } from '../helpers/vite-fixtures.js';
import { build as webpackBuild, buildConfig, cleanupProjects, makeProject } from '../helpers/webpack-harness.js';

type Output = Map<string, Uint8Array>;
interface Counts {
  compiled: string[];
  loaded: string[];
}

const PYTHON = { python: '3.14', roots: 'py' } as const;
const schema = JSON.parse(readFileSync(join(repoRoot, 'docs/manifest.schema.json'), 'utf8')) as Parameters<
  typeof validate
>[0];
let pyodide: TestPyodide;

beforeAll(async () => {
  pyodide = await loadTestPyodide();
  installCounters(pyodide);
});
afterAll(() => cleanupProjects());

async function viteOutput(precompile: boolean): Promise<Output> {
  const root = appDir('basic');
  const result = await viteBuild({
    root,
    configFile: false,
    logLevel: 'silent',
    plugins: [pycache({ ...PYTHON, roots: ['py'], emitSources: true, precompile })],
    build: { write: false, lib: { entry: join(root, 'main.js'), formats: ['es'] } },
  });
  const output = (Array.isArray(result) ? result[0] : result) as {
    output: { fileName: string; source?: string | Uint8Array; code?: string }[];
  };
  return new Map(
    output.output.map((file) => [
      file.fileName,
      typeof file.source === 'string'
        ? new TextEncoder().encode(file.source)
        : (file.source ?? new TextEncoder().encode(file.code ?? '')),
    ]),
  );
}

async function webpackOutput(precompile: boolean): Promise<Output> {
  const dir = makeProject('basic', 'basic');
  const result = await webpackBuild(
    'webpack',
    buildConfig('webpack', dir, { loader: PYTHON, plugin: { ...PYTHON, emitSources: true, precompile } }),
  );
  expect(result.errors).toEqual([]);
  return new Map([...result.files].map(([name, bytes]) => [name, new Uint8Array(bytes)]));
}

function manifestOf(output: Output): PycacheManifest {
  const text = output.get('pycache-manifest.json');
  if (!text) throw new Error('no manifest emitted');
  return JSON.parse(new TextDecoder().decode(text)) as PycacheManifest;
}

/** installModules from the build output over HTTP-like fetches, counting every request. */
async function installCounting(output: Output, root: string) {
  const requests: string[] = [];
  const fetch = async (url: string) => {
    requests.push(url);
    const data = output.get(decodeURIComponent(url.slice('https://app.test/'.length)));
    return {
      ok: data !== undefined,
      status: data ? 200 : 404,
      arrayBuffer: async () => (data ?? new Uint8Array()).slice().buffer,
    };
  };
  const result = await installModules(pyodide, manifestOf(output), { baseUrl: 'https://app.test/', fetch, root });
  return { result, requests };
}

describe.each([
  ['vite', viteOutput],
  ['webpack', webpackOutput],
] as const)('%s build', (_host, buildOutput) => {
  it('without precompile: "bytecode": null, no .pyc requested (one request per source)', async () => {
    const output = await buildOutput(false);
    const manifest = manifestOf(output);
    expect(manifest.bytecode).toBeNull();
    expect(manifest.modules.some((m) => 'pyc' in m)).toBe(false);
    expect(() => validate(schema, manifest)).not.toThrow();
    const root = `/field-${_host}-none`;
    const { result, requests } = await installCounting(output, root);
    expect(result.bytecodeFiles).toBe(0);
    expect(requests.filter((url) => url.endsWith('.pyc'))).toEqual([]);
    expect(requests).toHaveLength(manifest.modules.length);
  });

  it("with precompile: the mode and each .pyc's size and SHA-256; every .pyc installed and used", async () => {
    const output = await buildOutput(true);
    const manifest = manifestOf(output);
    expect(manifest.bytecode).toEqual({ invalidationMode: 'checked-hash' });
    expect(() => validate(schema, manifest)).not.toThrow();
    if (_host === 'vite') {
      // The manifest the page imports (virtual:pycache-manifest) is the emitted one, .pyc hashes included.
      const chunks = [...output]
        .filter(([name]) => name.endsWith('.js'))
        .map(([, bytes]) => new TextDecoder().decode(bytes))
        .join('\n');
      expect(chunks).toContain('checked-hash');
      for (const entry of manifest.modules) expect(chunks).toContain(entry.pyc?.['']?.sha256 ?? 'no pyc');
    }
    for (const entry of manifest.modules) {
      const path = entry.cache[''] ?? '(no level-0 cache path)';
      const pyc = output.get(path);
      expect(pyc, path).toBeDefined();
      expect(entry.pyc).toEqual({
        '': {
          size: pyc?.byteLength,
          sha256: createHash('sha256')
            .update(pyc ?? new Uint8Array())
            .digest('hex'),
        },
      });
    }
    const root = `/field-${_host}-pyc`;
    const { result, requests } = await installCounting(output, root);
    expect(result.bytecodeFiles).toBe(manifest.modules.length);
    expect(requests).toHaveLength(2 * manifest.modules.length);
    py(pyodide, 'RESET_COUNTS()');
    py(pyodide, '1', 'import app.util.text, top');
    const counts = py<Counts>(pyodide, 'COUNTS()');
    expect(counts.compiled.filter((p) => p.startsWith(root))).toEqual([]);
    expect(counts.loaded.filter((p) => p.startsWith(root))).toEqual(
      expect.arrayContaining(
        ['app/__init__.py', 'app/util/__init__.py', 'app/util/text.py', 'top.py'].map((source) => {
          const entry = manifest.modules.find((m) => m.source === source);
          return `${root}/${entry?.cache[''] ?? source}`;
        }),
      ),
    );
    forget(pyodide, 'app', root);
    forget(pyodide, 'top', root);
  });
});

describe('the JSON Schema', () => {
  it('requires bytecode, and pyc exactly when bytecode is not null', async () => {
    const manifest = manifestOf(await viteOutput(false));
    const { bytecode: _dropped, ...older } = manifest;
    expect(() => validate(schema, older)).toThrow();
    expect(() =>
      validate(schema, {
        ...manifest,
        modules: manifest.modules.map((m) => ({ ...m, pyc: { '': { size: 1, sha256: '0'.repeat(64) } } })),
      }),
    ).toThrow();
    expect(() => validate(schema, { ...manifest, bytecode: { invalidationMode: 'checked-hash' } })).toThrow();
    expect(() => validate(schema, { ...manifest, bytecode: { invalidationMode: 'timestamp' } })).toThrow();
  });
});

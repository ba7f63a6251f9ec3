// `entries` in the Vite dev server (per-file mode): the manifest lists what the Python imports reach, each
// source is served at its URL, and loadPython installs them file by file over real HTTP. Plus the debug option.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';
import type { ViteDevServer } from 'vite';
import { afterAll, beforeAll, expect, it } from 'vitest';
import pycache from '../../plugins/vite.js';
import type { PycacheManifest } from '../../plugins/vite.js';
import { resolveOptions } from '../../plugins/common/options.js';
import { entryModules } from '../../plugins/common/python-entries.js';
import { loadPython } from '../../src/pyodide/index.js';
import type { LoadPythonResult } from '../../src/pyodide/index.js';

const fixture = fileURLToPath(new URL('../../fixtures/graph-app/py', import.meta.url));
let project: string;
let server: ViteDevServer;
let base: string;

beforeAll(async () => {
  project = mkdtempSync(join(tmpdir(), 'pycache-entries-dev-'));
  cpSync(fixture, join(project, 'py'), { recursive: true });
  writeFileSync(join(project, 'index.html'), '<!doctype html><p>dev</p>\n');
  server = await createServer({
    root: project,
    configFile: false,
    logLevel: 'silent',
    server: { port: 0, host: '127.0.0.1' },
    plugins: [pycache({ python: '3.14', roots: ['py'], entries: ['app'], manifest: 'py/pycache-manifest.json' })],
  });
  await server.listen();
  const address = server.httpServer!.address() as { port: number };
  base = `http://127.0.0.1:${address.port}/`;
}, 120_000);

afterAll(async () => {
  await server?.close();
  rmSync(project, { recursive: true, force: true });
});

it('serves the reached modules file by file, and loadPython installs them', async () => {
  const manifest = (await (await fetch(`${base}py/pycache-manifest.json`)).json()) as PycacheManifest;
  expect(manifest.archive).toBeUndefined();
  expect(manifest.modules.map((m) => m.module)).toContain('app.sub.deep.leaf');
  expect(manifest.modules.map((m) => m.module)).not.toContain('app.unused');
  const source = await fetch(`${base}py/app/sub/deep/leaf.py`);
  expect(await source.text()).toBe('from ...core import engine\nfrom ..sibling import THING\n');

  let result: LoadPythonResult | undefined;
  const pyodide = await loadPython(`${base}py/pycache-manifest.json`, {
    pyodideOptions: { stdout: () => {}, stderr: () => {} },
    onInstalled: (r) => {
      result = r;
    },
  });
  expect(result?.archive).toBeNull();
  expect(result?.bytecodeFiles).toBe(0);
  expect(result?.modules.length).toBe(manifest.modules.length);
  expect(pyodide.runPython('import app.sub.deep.leaf as leaf; leaf.engine.ENGINE')).toBe('engine');
}, 300_000);

it('debugImports prints the import chain of every kept module', async () => {
  const options = resolveOptions({ python: '3.14', entries: ['app'], debugImports: true });
  const found = await entryModules(options, [join(project, 'py')], project);
  expect(found.info[0]).toMatch(/^pycache: entries app: kept 16 modules/);
  expect(found.info).toContain('pycache:   app.sub.sibling <- app.sub.deep:2 <- app:5 (entry)');
  expect(found.info).toContain('pycache:   app.dyn <- app:32 (entry)');
  expect(found.info).toHaveLength(1 + 16);
});

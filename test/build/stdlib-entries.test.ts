// `stdlib: true` with `entries`: the stdlib archive keeps what the import graph reaches (a `from pkg import sub`
// submodule included) and what Pyodide needs, not the whole stdlib; Vite and webpack give the same archive, and the
// manifest naming it passes the runtime's strict validator and the JSON Schema.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validate } from 'schema-utils';
import { build as viteBuild, createLogger } from 'vite';
import webpack from 'webpack';
import type { Configuration } from 'webpack';
import { afterAll, beforeAll, expect, it } from 'vitest';
import pycache from '../../plugins/vite.js';
import { PycachePlugin } from '../../plugins/webpack/plugin.js';
import { validateManifest } from '../../src/pyodide/validate-manifest.js';
import { repoRoot } from '../helpers/vite-fixtures.js';

const options = { python: '3.14', roots: ['py'], entries: ['app'], stdlib: true, manifest: 'py/pycache-manifest.json' };
let project: string;
const info: string[] = [];
const logged: string[] = [];

beforeAll(async () => {
  project = mkdtempSync(join(tmpdir(), 'pycache-stdlib-entries-'));
  mkdirSync(join(project, 'py/app'), { recursive: true });
  writeFileSync(join(project, 'package.json'), '{"name":"app","private":true}\n');
  writeFileSync(
    join(project, 'py/app/__init__.py'),
    'import json\nfrom xml.dom import minidom\n\ndef run():\n    return json.dumps(minidom.parseString("<a/>").documentElement.tagName)\n',
  );
  // Under the roots but not reached from the entry: its stdlib import must not keep anything.
  writeFileSync(join(project, 'py/unused.py'), 'import tomllib\n');
  writeFileSync(join(project, 'main.js'), 'export default 1;\n');

  const logger = createLogger('info');
  logger.info = (msg) => void info.push(msg);
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
      lib: { entry: join(project, 'main.js'), formats: ['es'], fileName: 'main' },
    },
  });
  const config: Configuration = {
    context: project,
    mode: 'production',
    devtool: false,
    target: 'node',
    entry: './main.js',
    output: { path: join(project, 'dist-webpack'), filename: 'main.cjs', clean: true },
    plugins: [new PycachePlugin(options)],
    infrastructureLogging: { level: 'error' },
  };
  type StatsJson = { errors?: { message: string }[]; logging?: Record<string, { entries: { message?: string }[] }> };
  const json = await new Promise<StatsJson>((resolve, reject) => {
    webpack(config, (error, stats) =>
      error || !stats
        ? reject(error)
        : resolve(stats.toJson({ all: false, errors: true, logging: 'info' }) as StatsJson),
    );
  });
  expect(json.errors ?? []).toEqual([]);
  logged.push(...Object.values(json.logging ?? {}).flatMap((l) => l.entries.map((e) => e.message ?? '')));
}, 600_000);

afterAll(() => rmSync(project, { recursive: true, force: true }));

/** Whether the zip holds an entry of that name (the central directory stores names uncompressed). */
const holds = (zip: Buffer, name: string) => zip.includes(Buffer.from(name));

it('keeps the stdlib the entries reach and what Pyodide needs, and the same archive in Vite and webpack', () => {
  const vite = readFileSync(join(project, 'dist-vite/py/python_stdlib.zip'));
  const fromWebpack = readFileSync(join(project, 'dist-webpack/py/python_stdlib.zip'));
  expect(fromWebpack.equals(vite)).toBe(true);
  for (const name of ['json/__init__.pyc', 'json/encoder.pyc', 'xml/dom/minidom.pyc', 'xml/dom/minidom.py'])
    expect(holds(vite, name), name).toBe(true);
  // Nothing reached tomllib (only a module the entries do not reach imports it); without pruning it would be there.
  expect(holds(vite, 'tomllib/')).toBe(false);
  const line = (lines: string[]) => lines.find((l) => l.includes('pycache: stdlib archive:')) ?? '';
  const [, kept, leftOut] = /(\d+) modules kept, (\d+) left out/.exec(line(info)) ?? [];
  expect(Number(leftOut), line(info)).toBeGreaterThan(100);
  expect(Number(kept)).toBeGreaterThan(0);
  expect(line(logged)).toBe(line(info).slice(line(info).indexOf('pycache: stdlib archive:')));
});

it('names the archive in a manifest the runtime and the schema accept', () => {
  const text = readFileSync(join(project, 'dist-vite/py/pycache-manifest.json'), 'utf8');
  expect(readFileSync(join(project, 'dist-webpack/py/pycache-manifest.json'), 'utf8')).toBe(text);
  const manifest = validateManifest(JSON.parse(text));
  expect(manifest.pyodide).toEqual({ stdLibURL: 'python_stdlib.zip' });
  expect(manifest.modules.map((m) => m.module)).toEqual(['app']);
  const schema = JSON.parse(readFileSync(join(repoRoot, 'docs/manifest.schema.json'), 'utf8')) as Parameters<
    typeof validate
  >[0];
  expect(() => validate(schema, JSON.parse(text) as object)).not.toThrow();
});

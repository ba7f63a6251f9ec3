// One rule for which files are modules, in every host: a name no import can reach (`.hidden.py`, `..py`,
// `pkg/.h.pyw`) or a backslash in a name is left out of the manifest with one warning naming the file and why
// (moduleSourceProblem), while its JS import still gets the decoded text. The plugins put `.hidden.py` in the
// manifest as module `.hidden`; the CLI left it out: now the CLI and every plugin list the same files.
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rolldown } from 'rolldown';
import { rollup } from 'rollup';
import type { Plugin as RollupPlugin } from 'rollup';
import { build as viteBuild } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';
import { main as cli } from '../../cli/main.js';
import { moduleSourceProblem } from '../../plugins/common/python-roots.js';
import pycache from '../../plugins/vite.js';
import pycacheRollup from '../../plugins/rollup.js';
import { build, buildConfig, cleanupProjects, loadBundle, repoRoot } from '../helpers/webpack-harness.js';
import type { Host } from '../helpers/webpack-harness.js';
import { importFile } from '../helpers/vite-fixtures.js';

/** Root-relative path → text; the left-out ones hold text too, so the import's value can be checked. */
const FILES: Record<string, string> = {
  'ok.py': 'x = 1\n',
  'pkg/__init__.py': '# coding: latin-1\ny = "\xe9"\n',
  '.hidden.py': 'hidden = 1\r\n',
  '..py': 'dots = 2\n',
  'pkg/.h.pyw': 'h = 3\n',
  'a\\b.py': 'backslash = 4\n',
};
const LEFT_OUT = Object.keys(FILES).filter((source) => moduleSourceProblem(source) !== null);
/** What CPython's decode_source gives for each (universal newlines; the Latin-1 cookie). */
const TEXT = (source: string) => FILES[source].replace(/\r\n/g, '\n');

/** A project: py/<files>, main.js importing each one and exporting its text by source path. */
function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pycache-left-out-'));
  const names = Object.keys(FILES);
  for (const source of names) {
    mkdirSync(join(dir, 'py', source, '..'), { recursive: true });
    writeFileSync(join(dir, 'py', source), Buffer.from(FILES[source], 'latin1'));
  }
  const lines = names.map((source, i) => `import m${i} from ${JSON.stringify(`./py/${source}`)};`);
  lines.push(`export const sources = { ${names.map((source, i) => `${JSON.stringify(source)}: m${i}`).join(', ')} };`);
  writeFileSync(join(dir, 'main.js'), `${lines.join('\n')}\n`);
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(repoRoot, join(dir, 'node_modules/pycache-kit'), 'dir');
  return dir;
}

const sourcesOf = (manifest: string) =>
  (JSON.parse(manifest) as { modules: { source: string }[] }).modules.map((m) => m.source);
/**
 * Vite turns every backslash of a module id into a slash (its `normalizePath`), so it cannot import `a\b.py` on
 * POSIX at all: its build gets main.js without that import (the file is still under the root, unlisted).
 */
function withoutBackslashImport(): RollupPlugin {
  return {
    name: 'without-backslash-import',
    enforce: 'pre',
    load: (id) =>
      id.endsWith('/main.js')
        ? readFileSync(id, 'utf8').replace(/^import (m\d+) from "[^"]*\\\\[^"]*";$/m, 'const $1 = null;')
        : null,
  } as RollupPlugin;
}

/** The warning each left-out file gets, as the hosts give it. */
const warningFor = (dir: string, source: string) =>
  `pycache: ${join(dir, 'py', source)} is left out of the manifest: ${moduleSourceProblem(source)}`;

afterAll(cleanupProjects);

describe('every host leaves out the files the CLI leaves out, with one warning each', () => {
  const dir = project();
  let cliManifest = '';

  it('the CLI', async () => {
    let out = '';
    let err = '';
    expect(
      await cli(['manifest', 'py', '--python', '3.12'], {
        stdout: (t) => (out += t),
        stderr: (t) => (err += t),
        cwd: dir,
      }),
    ).toBe(0);
    cliManifest = out;
    expect(sourcesOf(out)).toEqual(['ok.py', 'pkg/__init__.py']);
    expect(err.split('\n').filter((line) => line.includes('skipped')).length).toBe(LEFT_OUT.length);
  });

  it.each(['webpack', 'rspack'] as Host[])(
    "%s: the manifest lists the CLI's files, one warning per left-out file, every import has its text",
    async (host) => {
      const config = buildConfig(host, dir, {
        loader: { python: '3.12', roots: 'py' },
        plugin: { python: '3.12', roots: 'py' },
        outDir: join(dir, `dist-${host}`),
      });
      const result = await build(host, config);
      expect(result.errors).toEqual([]);
      expect(result.manifest).toBe(cliManifest);
      const warnings = result.warnings.filter((w) => w.includes('left out of the manifest'));
      for (const source of LEFT_OUT)
        expect(
          warnings.filter((w) => w.includes(warningFor(dir, source))),
          source,
        ).toHaveLength(1);
      expect(warnings).toHaveLength(LEFT_OUT.length);
      const { sources } = loadBundle<{ sources: Record<string, { default?: string } | string> }>(config.output.path);
      for (const source of Object.keys(FILES)) {
        const value = sources[source];
        expect(typeof value === 'string' ? value : value.default, source).toBe(TEXT(source));
      }
    },
  );

  const options = { python: '3.12', roots: [join(dir, 'py')] };
  const rollupLike = {
    vite: async (warn: (message: string) => void) => {
      const result = await viteBuild({
        root: dir,
        configFile: false,
        logLevel: 'silent',
        plugins: [withoutBackslashImport(), pycache(options)],
        build: {
          write: false,
          lib: { entry: join(dir, 'main.js'), formats: ['es'] },
          rollupOptions: { onwarn: (w) => warn(w.message) },
        },
      });
      return (
        (Array.isArray(result) ? result[0] : result) as {
          output: { fileName: string; code?: string; source?: string | Uint8Array }[];
        }
      ).output;
    },
    rollup: async (warn: (message: string) => void) => {
      const bundle = await rollup({
        input: join(dir, 'main.js'),
        plugins: [pycacheRollup(options)],
        onwarn: (w) => warn(w.message),
      });
      return (await bundle.generate({ format: 'es' })).output as {
        fileName: string;
        code?: string;
        source?: string | Uint8Array;
      }[];
    },
    rolldown: async (warn: (message: string) => void) => {
      const bundle = await rolldown({
        cwd: dir,
        input: join(dir, 'main.js'),
        plugins: [pycache(options)],
        onLog: (_level, log) => warn(log.message),
      });
      return (await bundle.generate({ format: 'es' })).output as {
        fileName: string;
        code?: string;
        source?: string | Uint8Array;
      }[];
    },
  };

  it.each(Object.keys(rollupLike) as (keyof typeof rollupLike)[])(
    "%s: the manifest lists the CLI's files, one warning per left-out file, every import has its text",
    async (name) => {
      const warnings: string[] = [];
      const output = await rollupLike[name]((message) => warnings.push(message));
      const manifest = output.find((file) => file.fileName === 'pycache-manifest.json');
      expect(String(manifest?.source)).toBe(cliManifest);
      const ours = warnings.filter((w) => w.includes('left out of the manifest'));
      const loaded = LEFT_OUT.filter((source) => name !== 'vite' || !source.includes('\\'));
      for (const source of loaded)
        expect(
          ours.filter((w) => w.includes(warningFor(dir, source))),
          source,
        ).toHaveLength(1);
      expect(ours).toHaveLength(loaded.length);
      const chunk = output.find((file) => file.fileName.endsWith('.js') || file.fileName.endsWith('.mjs'));
      const file = join(mkdtempSync(join(tmpdir(), `pycache-left-out-${name}-`)), 'main.mjs');
      writeFileSync(file, chunk?.code ?? '');
      const { sources } = (await importFile(file)) as { sources: Record<string, string> };
      for (const source of Object.keys(FILES)) {
        if (name !== 'vite' || !source.includes('\\')) expect(sources[source], source).toBe(TEXT(source));
      }
    },
  );

  it('the test tree holds names each rule leaves out', () => {
    expect(LEFT_OUT.sort()).toEqual(['..py', '.hidden.py', 'a\\b.py', 'pkg/.h.pyw']);
    expect(readFileSync(join(dir, 'main.js'), 'utf8')).toContain('.hidden.py');
  });
});

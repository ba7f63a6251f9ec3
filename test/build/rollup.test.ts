// The same plugin in plain Rollup 4 and in Rolldown: the fixture app bundles, and both emit the manifest bytes Vite emits.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rolldown } from 'rolldown';
import { rollup } from 'rollup';
import type { RollupCache, Plugin as RollupPlugin } from 'rollup';
import { build } from 'vite';
import { describe, expect, it } from 'vitest';
import pycache from '../../plugins/vite.js';
import pycacheRollup from '../../plugins/rollup.js';
import type { PycacheManifest, PycacheOptions } from '../../plugins/vite.js';
import { appDir, copyApp, expectedModules, importFile } from '../helpers/vite-fixtures.js';

// Vite's ?raw/?url are Vite features; plain Rollup and Rolldown bundle an entry without them.
const entrySource = (root: string) =>
  readFileSync(join(root, 'main.js'), 'utf8')
    .replace(/^import \w+ from '[^']+\?(raw|url)';\n/gm, '')
    .replace('export { crlfRaw, mainUrl, manifest };', 'export { manifest };');

const options: PycacheOptions = { python: '3.12', roots: ['py'], optimizations: [0, 1, 2] };
// Rollup has no project root option: roots are absolute there (relative ones resolve against the current folder).
const rollupOptions = (root: string): PycacheOptions => ({ ...options, roots: [join(root, 'py')] });

/** A plugin serving the trimmed entry in place of main.js. */
function entryPlugin(root: string): RollupPlugin {
  const entry = join(root, 'main.js');
  return { name: 'entry', load: (id) => (id === entry ? entrySource(root) : null) };
}

async function viteManifest(root: string): Promise<string> {
  const result = await build({
    root,
    configFile: false,
    logLevel: 'silent',
    plugins: [entryPlugin(root), pycache(options)],
    build: { write: false, lib: { entry: join(root, 'main.js'), formats: ['es'] } },
  });
  const output = (Array.isArray(result) ? result[0] : result) as {
    output: { fileName: string; source?: string | Uint8Array }[];
  };
  return String(output.output.find((file) => file.fileName === 'pycache-manifest.json')?.source);
}

describe.each([
  [
    'rollup',
    async (root: string) =>
      rollup({
        input: join(root, 'main.js'),
        plugins: [entryPlugin(root), pycacheRollup(rollupOptions(root))],
      }),
  ],
  [
    'rolldown',
    async (root: string) =>
      rolldown({ cwd: root, input: join(root, 'main.js'), plugins: [entryPlugin(root), pycache(options)] }),
  ],
] as const)('%s', (_name, bundle) => {
  it('bundles the app with decoded sources and emits the manifest Vite emits', async () => {
    const root = appDir('basic');
    const expected = expectedModules('basic');
    const bundler = await bundle(root);
    const outDir = mkdtempSync(join(tmpdir(), 'pycache-rollup-'));
    const { output } = await bundler.write({ dir: outDir, format: 'es', entryFileNames: 'main.js' });
    await bundler.close();
    const app = await importFile(join(outDir, 'main.js'));
    for (const [source, text] of Object.entries(app.sources as Record<string, string>))
      expect(text, source).toBe(expected[source].text);
    const asset = output.find((file) => file.fileName === 'pycache-manifest.json');
    const text = String(asset && 'source' in asset ? asset.source : '');
    const manifest = JSON.parse(text) as PycacheManifest;
    expect(app.manifest).toEqual(manifest);
    for (const entry of manifest.modules) expect(entry.cache).toEqual(expected[entry.source].cache);
    expect(text).toBe(await viteManifest(root));
  });

  it('fails on an undecodable module with file, line and column, and writes no manifest', async () => {
    const root = appDir('bad');
    const outDir = mkdtempSync(join(tmpdir(), 'pycache-rollup-bad-'));
    const failure = await bundle(root)
      .then((b) =>
        (b as { write(o: { dir: string; format: 'es' }): Promise<unknown> }).write({ dir: outDir, format: 'es' }),
      )
      .then(
        () => undefined,
        (e: unknown) => e as Error,
      );
    expect(failure?.message).toContain(`${join(root, 'py/bad.py')}:3:9:`);
    expect(existsSync(join(outDir, 'pycache-manifest.json'))).toBe(false);
  });
});

describe('rebuilds with one plugin instance (as in watch mode)', () => {
  it('lists only the modules of the latest build and their latest bytes', async () => {
    const root = copyApp('basic');
    const plugin = pycacheRollup(rollupOptions(root));
    const manifestOf = async (cache?: RollupCache) => {
      const bundler = await rollup({ input: join(root, 'main.js'), cache, plugins: [entryPlugin(root), plugin] });
      const { output } = await bundler.generate({ format: 'es' });
      const asset = output.find((file) => file.fileName === 'pycache-manifest.json');
      return {
        cache: bundler.cache,
        manifest: JSON.parse(String(asset && 'source' in asset ? asset.source : '')) as PycacheManifest,
      };
    };
    const first = await manifestOf();
    expect(first.manifest.modules.map((m) => m.source)).toContain('app/bom.py');
    writeFileSync(
      join(root, 'main.js'),
      readFileSync(join(root, 'main.js'), 'utf8')
        .replace("import bom from './py/app/bom.py';\n", '')
        .replace("  'app/bom.py': bom,\n", ''),
    );
    writeFileSync(join(root, 'py/app/crlf.py'), 'CHANGED = 1\n');
    const second = await manifestOf(first.cache);
    expect(second.manifest.modules.map((m) => m.source)).not.toContain('app/bom.py');
    expect(second.manifest.modules.find((m) => m.source === 'app/crlf.py')?.size).toBe(12);
  });
});

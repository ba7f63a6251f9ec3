// The esbuild plugin lets esbuild read a Python file itself (its `text` loader, through `with { type: "text" }`)
// when CPython's decoded text is the file's bytes as UTF-8 (a BOM dropped): only the named exports cross to
// JavaScript, the file's bytes never do (the esbuild bench: sending every file through JavaScript was most of what
// the plugin cost over esbuild's own `text` loader). Every other file (a codec, CRLF, invalid bytes) is decoded by
// the plugin as before; the texts stay CPython's either way (fixtures/apps/basic/expected.json).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build, context } from 'esbuild';
import type { Metafile, OnLoadArgs, OnLoadResult, PluginBuild } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { appExpectations } from '../helpers/webpack-harness.js';
import { BASIC_APP, cleanupProjects, importBundle, makeProject, pluginFrom } from '../helpers/esbuild-harness.js';

afterAll(cleanupProjects);

const options = { python: '3.12', roots: 'py' };

describe('esbuild reads plain UTF-8 Python files itself', () => {
  it("loads exactly the files whose text is their UTF-8 bytes with esbuild's text loader; every text is CPython's", async () => {
    const dir = makeProject('basic', BASIC_APP);
    const pycache = await pluginFrom(dir);
    const result = await build({
      absWorkingDir: dir,
      entryPoints: ['main.js'],
      bundle: true,
      format: 'esm',
      outdir: 'dist',
      logLevel: 'silent',
      metafile: true,
      plugins: [pycache(options)],
    });
    const inputs = (result.metafile as Metafile).inputs;
    const asText = Object.entries(inputs)
      .filter(([, input]) => input.with?.type === 'text')
      .map(([path]) => path.replace(/^py\//, '').replace(/ with .*/, ''))
      .sort();
    // UTF-8 without a '\r' (bom.py: utf-8-sig, whose BOM both drop); not crlf.py, legacy_latin1.py, sjis.py.
    expect(asText).toEqual([
      'app/__init__.py',
      'app/bom.py',
      'app/main.py',
      'app/util/__init__.py',
      'app/util/text.py',
      'top.py',
    ]);
    const expected = appExpectations('basic');
    const { sources, named } = await importBundle<{
      sources: Record<string, string>;
      named: Record<string, { default: string; sourcePath: string; encoding: string }>;
    }>(join(dir, 'dist/main.js'));
    for (const [source, text] of Object.entries(sources)) expect(text, source).toBe(expected.modules[source].text);
    expect(named.init).toMatchObject({ sourcePath: 'app/__init__.py', encoding: 'utf-8' });
    // The manifest is the one every host writes (hashes of the bytes the plugin read, not of esbuild's text).
    const manifest = JSON.parse(readFileSync(join(dir, 'dist/pycache-manifest.json'), 'utf8')) as {
      modules: { source: string; encoding: string; size: number }[];
    };
    expect(manifest.modules.find((m) => m.source === 'app/bom.py')).toMatchObject({
      encoding: 'utf-8-sig',
      size: readFileSync(join(dir, 'py/app/bom.py')).length,
    });
  });

  it('rebuilds in watch mode when a file esbuild read itself is edited, into one the plugin decodes and back', async () => {
    const dir = makeProject('basic', BASIC_APP, { 'one.js': "export { default } from './py/top.py';\n" });
    const pycache = await pluginFrom(dir);
    let ended: (() => void) | undefined;
    const nextBuild = () => new Promise<void>((resolve) => (ended = resolve));
    const signal = { name: 'signal', setup: (b: PluginBuild) => b.onEnd(() => ended?.()) };
    let first = nextBuild();
    const ctx = await context({
      absWorkingDir: dir,
      entryPoints: ['one.js'],
      bundle: true,
      format: 'esm',
      outdir: 'watch',
      logLevel: 'silent',
      plugins: [pycache(options), signal],
    });
    try {
      await ctx.watch();
      await first;
      const text = async () => (await importBundle<{ default: string }>(join(dir, 'watch/one.js'))).default;
      expect(await text()).toBe(appExpectations('basic').modules['top.py'].text);
      for (const [bytes, expected] of [
        [
          Buffer.from('# -*- coding: latin-1 -*-\r\nX = "\xe9"\r\n', 'latin1'),
          '# -*- coding: latin-1 -*-\nX = "\u00e9"\n',
        ],
        [Buffer.from('X = "\u00e9"\n'), 'X = "\u00e9"\n'],
      ] as const) {
        first = nextBuild();
        writeFileSync(join(dir, 'py/top.py'), bytes);
        await first;
        expect(await text()).toBe(expected);
      }
    } finally {
      await ctx.dispose();
    }
  });

  it('decodes every file itself under an esbuild older than 0.28 (no text imports) or in Bun (no `esbuild` field)', async () => {
    const dir = makeProject('basic', BASIC_APP);
    const pycache = await pluginFrom(dir);
    const onLoadFor = async (esbuild: { version: string } | undefined, extra: object = {}) => {
      let onLoad: ((args: OnLoadArgs) => Promise<OnLoadResult | undefined>) | undefined;
      await pycache(options).setup({
        initialOptions: { absWorkingDir: dir },
        esbuild,
        ...extra,
        onStart() {},
        onEnd() {},
        onLoad(_options: unknown, callback: typeof onLoad) {
          onLoad = callback;
        },
        onResolve() {},
      } as never);
      const path = join(dir, 'py/top.py');
      return (await onLoad?.({ path, namespace: 'file', suffix: '', pluginData: undefined, with: {} }))?.contents;
    };
    const text = appExpectations('basic').modules['top.py'].text;
    const decoded = `export default ${JSON.stringify(text)};\n`;
    expect(String(await onLoadFor({ version: '0.27.9' }))).toContain(decoded);
    expect(String(await onLoadFor(undefined, { config: {} }))).toContain(decoded);
    const reexport = String(await onLoadFor({ version: '0.28.0' }));
    expect(reexport).toContain('export { default } from "./top.py" with { type: "text" };\n');
    expect(reexport).toContain('export const sourcePath = "top.py";\n');
    expect(reexport).not.toContain(decoded);
  });
});

// Real `vite build` runs of the fixture apps with the plugin; outputs compared with what CPython 3.12 said.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import type { Rollup } from 'vite';
import { describe, expect, it } from 'vitest';
import pycache from '../../plugins/vite.js';
import type { PycacheManifest, PycacheOptions } from '../../plugins/vite.js';
import { appDir, copyApp, expectedModules, importFile } from '../helpers/vite-fixtures.js';

async function viteBuild(root: string, options: PycacheOptions, outDir = mkdtempSync(join(tmpdir(), 'pycache-out-'))) {
  const result = await build({
    root,
    configFile: false,
    logLevel: 'silent',
    plugins: [pycache(options)],
    build: {
      outDir,
      emptyOutDir: true,
      minify: false,
      lib: { entry: join(root, 'main.js'), formats: ['es'], fileName: 'main' },
    },
  });
  const outputs = (Array.isArray(result) ? result[0] : result) as Rollup.RollupOutput;
  return { outDir, output: outputs.output };
}

describe('vite build of fixtures/apps/basic', () => {
  const expected = expectedModules('basic');

  it('gives each .py the text CPython 3.12 decode_source gives, with the named exports', async () => {
    const { outDir } = await viteBuild(appDir('basic'), { python: '3.12', roots: ['py'], optimizations: [0, 2] });
    const app = await importFile(join(outDir, 'main.js'));
    const sources = app.sources as Record<string, string>;
    expect(Object.keys(sources).sort()).toEqual(Object.keys(expected).sort());
    for (const [source, text] of Object.entries(sources)) expect(text, source).toBe(expected[source].text);
    const named = app.named as Record<string, Record<string, string>>;
    expect(named.sjis).toMatchObject({
      sourcePath: 'app/sjis.py',
      cachePath: expected['app/sjis.py'].cache[''],
      moduleName: 'app.sjis',
      encoding: expected['app/sjis.py'].encoding,
    });
    expect(named.latin1.encoding).toBe('iso-8859-1');
    expect(named.init.moduleName).toBe('app');
    expect(named.init.sourcePath).toBe('app/__init__.py');
  });

  it("leaves Vite's own ?raw and ?url alone", async () => {
    const { outDir } = await viteBuild(appDir('basic'), { python: '3.12', roots: ['py'] });
    const app = await importFile(join(outDir, 'main.js'));
    // ?raw is Vite's UTF-8 read: CRLF kept, where the plugin's default export has \n.
    expect(app.crlfRaw).toBe(readFileSync(join(appDir('basic'), 'py/app/crlf.py'), 'utf8'));
    expect(app.crlfRaw).toContain('\r\n');
    expect(typeof app.mainUrl).toBe('string');
    expect(app.mainUrl).not.toBe((app.sources as Record<string, string>)['app/main.py']);
  });

  it("emits a manifest whose paths are CPython 3.12's and which equals the virtual import", async () => {
    const { outDir, output } = await viteBuild(appDir('basic'), {
      python: '3.12',
      roots: ['py'],
      optimizations: [2, 0],
    });
    const asset = output.find((file) => file.fileName === 'pycache-manifest.json') as Rollup.OutputAsset;
    const text = String(asset.source);
    const manifest = JSON.parse(text) as PycacheManifest;
    expect(manifest.format).toBe('pycache-manifest@1');
    expect(manifest.python).toEqual({ version: '3.12', cacheTag: 'cpython-312', magicNumber: 'cb0d0d0a' });
    expect(manifest.modules.map((m) => m.source)).toEqual(Object.keys(expected).sort());
    for (const entry of manifest.modules) {
      expect(entry.cache).toEqual({ '': expected[entry.source].cache[''], '2': expected[entry.source].cache['2'] });
      expect(entry.encoding).toBe(expected[entry.source].encoding);
      expect(entry.size).toBe(readFileSync(join(appDir('basic'), 'py', entry.source)).length);
    }
    expect(manifest.modules.find((m) => m.source === 'app/util/__init__.py')?.module).toBe('app.util');
    const app = await importFile(join(outDir, 'main.js'));
    expect(app.manifest).toEqual(manifest);
    expect(readFileSync(join(outDir, 'pycache-manifest.json'), 'utf8')).toBe(text);
    // Same input, same bytes.
    const again = await viteBuild(appDir('basic'), { python: '3.12', roots: ['py'], optimizations: [0, 2] });
    expect(readFileSync(join(again.outDir, 'pycache-manifest.json'), 'utf8')).toBe(text);
  });

  it("emits every source at its manifest path under the manifest's folder with emitSources", async () => {
    const { outDir } = await viteBuild(appDir('basic'), {
      python: '3.12',
      roots: ['py'],
      manifest: 'python/files.json',
      emitSources: true,
    });
    const manifest = JSON.parse(readFileSync(join(outDir, 'python/files.json'), 'utf8')) as PycacheManifest;
    for (const entry of manifest.modules) {
      expect(readFileSync(join(outDir, 'python', entry.source)), entry.source).toEqual(
        readFileSync(join(appDir('basic'), 'py', entry.source)),
      );
    }
  });

  it('emits no manifest with manifest: false', async () => {
    const { output } = await viteBuild(appDir('basic'), { python: '3.12', roots: ['py'], manifest: false });
    expect(output.some((file) => file.fileName.endsWith('.json'))).toBe(false);
  });
});

describe('vite build failures', () => {
  it("fails on an undecodable module with file, line, column and CPython's reason, and writes no manifest", async () => {
    const { error } = expectedModules('bad')['bad.py'];
    const outDir = mkdtempSync(join(tmpdir(), 'pycache-bad-'));
    const failure = await viteBuild(appDir('bad'), { python: '3.12', roots: ['py'] }, outDir).then(
      () => undefined,
      (e: unknown) => e as Error & { loc?: { line: number; column: number }; id?: string },
    );
    expect(failure).toBeDefined();
    const file = join(appDir('bad'), 'py/bad.py');
    expect(failure?.message).toContain(`${file}:3:9:`);
    expect(failure?.message).toContain(error?.message);
    expect(existsSync(join(outDir, 'pycache-manifest.json'))).toBe(false);
  });

  it("fails on an unknown coding cookie with CPython's SyntaxError text", async () => {
    const { error } = expectedModules('bad-cookie')['cookie.py'];
    const failure = await viteBuild(appDir('bad-cookie'), { python: '3.12', roots: ['py'] }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(failure?.message).toContain(`SyntaxError: ${error?.message}`);
  });

  it('rejects a .py outside every root instead of writing a ../ path', async () => {
    const dir = copyApp('basic');
    writeFileSync(join(dir, 'outside.py'), 'X = 1\n');
    writeFileSync(join(dir, 'main.js'), "import x from './outside.py';\nexport { x };\n");
    const failure = await viteBuild(dir, { python: '3.12', roots: ['py'] }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(failure?.message).toMatch(/outside\.py is outside every Python root/);
  });

  it('names the bad option', () => {
    expect(() => pycache({ python: '2.7' })).toThrow(/option "python"/);
    expect(() => pycache({ optimizations: [3 as 0] })).toThrow(/option "optimizations"/);
    expect(() => pycache({ manifest: '../x.json' })).toThrow(/option "manifest"/);
    expect(() => pycache({ roots: [] })).toThrow(/option "roots"/);
    expect(() => pycache({ emitSources: 'yes' as unknown as boolean })).toThrow(/option "emitSources"/);
    expect(() => pycache({ pyhton: '3.12' } as PycacheOptions)).toThrow(/option "pyhton" is not an option/);
  });
});

describe('precompile', () => {
  it('emits a checked-hash .pyc of the target at every manifest cache path, beside the sources', async () => {
    const { readPycHeader, pythonTarget, sourceHash } = await import('../../src/index.js');
    const { outDir } = await viteBuild(appDir('basic'), {
      python: '3.14',
      roots: ['py'],
      optimizations: [0, 2],
      emitSources: true,
      precompile: true,
    });
    const manifest = JSON.parse(readFileSync(join(outDir, 'pycache-manifest.json'), 'utf8')) as PycacheManifest;
    const target = pythonTarget('3.14');
    for (const entry of manifest.modules) {
      const source = readFileSync(join(outDir, entry.source));
      for (const cachePath of Object.values(entry.cache)) {
        const header = readPycHeader(new Uint8Array(readFileSync(join(outDir, cachePath as string))), { target });
        expect(header, cachePath).toMatchObject({ flags: 3 });
        expect(header.sourceHash, cachePath).toEqual(sourceHash(new Uint8Array(source), { target }));
      }
    }
  });
});

describe('vite build --watch', () => {
  it('rebuilds the manifest from the modules of each build', async () => {
    const root = copyApp('basic');
    const outDir = mkdtempSync(join(tmpdir(), 'pycache-watch-'));
    const watcher = (await build({
      root,
      configFile: false,
      logLevel: 'silent',
      plugins: [pycache({ python: '3.12', roots: ['py'] })],
      build: {
        outDir,
        watch: {},
        minify: false,
        lib: { entry: join(root, 'main.js'), formats: ['es'], fileName: 'main' },
      },
    })) as unknown as {
      on(event: 'event', listener: (e: { code: string; result?: { close(): void } }) => void): void;
      close(): Promise<void>;
    };
    const builds: string[] = [];
    let waiting: (() => void) | undefined;
    watcher.on('event', (event) => {
      if (event.code === 'BUNDLE_END') {
        event.result?.close();
        builds.push(readFileSync(join(outDir, 'pycache-manifest.json'), 'utf8'));
        waiting?.();
      }
    });
    // Resolves once a build's manifest satisfies `done` (the watcher may split the two edits over two rebuilds).
    const buildWhere = (done: (manifest: PycacheManifest) => boolean) =>
      new Promise<PycacheManifest>((resolve) => {
        waiting = () => {
          const found = builds.map((text) => JSON.parse(text) as PycacheManifest).find(done);
          if (found) resolve(found);
        };
        waiting();
      });
    try {
      const first = await buildWhere(() => true);
      expect(first.modules.map((m) => m.source)).toContain('app/bom.py');
      writeFileSync(join(root, 'py/app/crlf.py'), 'CHANGED = 1\n');
      writeFileSync(
        join(root, 'main.js'),
        readFileSync(join(root, 'main.js'), 'utf8')
          .replace("import bom from './py/app/bom.py';\n", '')
          .replace("  'app/bom.py': bom,\n", ''),
      );
      const latest = await buildWhere(
        (m) =>
          !m.modules.some((e) => e.source === 'app/bom.py') &&
          m.modules.find((e) => e.source === 'app/crlf.py')?.size === 12,
      );
      expect(latest.modules).toHaveLength(first.modules.length - 1);
    } finally {
      await watcher.close();
    }
  });
});

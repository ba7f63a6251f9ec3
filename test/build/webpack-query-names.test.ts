// Names with '#' or '?': webpack's Compiler.emitAssets cuts every asset name at the first '?' or '#', so a source
// named 'h#sh.py' (imported as './py/h\0#sh.py', webpack's documented escape) was emitted as 'h', and its .pyc as
// '__pycache__/h'. Every host must write the manifest's paths byte for byte (Vite keeps the name): through the
// output file system (a dev server's memory one included), with `output.clean` still working. A file with '?' in
// its name cannot be imported at all ('\0?' is no escape for it): the error names the file.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createFsFromVolume, Volume } from 'memfs';
import { afterAll, describe, expect, it } from 'vitest';
import { build, buildConfig, cleanupProjects, createCompiler, makeProject } from '../helpers/webpack-harness.js';
import type { Host } from '../helpers/webpack-harness.js';

afterAll(cleanupProjects);

const HASHED = {
  'py/h#sh.py': 'x = 1\n',
  'py/pk#g/__init__.py': '',
  'py/pk#g/m?d.pyw': 'y = 2\n',
  'main.js':
    'import h from "./py/h\\0#sh.py";\nimport p from "./py/pk\\0#g/__init__.py";\nexport const sources = { h, p };\n',
};
const setup = { loader: { python: '3.12', roots: 'py' }, plugin: { python: '3.12', roots: 'py', emitSources: true } };

describe.each(['webpack', 'rspack'] as Host[])('%s: names with # and ?', (host) => {
  it('writes every manifest path byte for byte, and output.clean removes what the last build wrote', async () => {
    const dir = makeProject(null, 'context', HASHED);
    writeFileSync(join(dir, 'main.js'), HASHED['main.js']);
    const config = buildConfig(host, dir, setup);
    mkdirSync(config.output.path, { recursive: true });
    writeFileSync(join(config.output.path, 'stale.txt'), 'from an older build');
    const result = await build(host, config);
    expect(result.errors).toEqual([]);
    const sources = (JSON.parse(result.manifest ?? '{}') as { modules: { source: string }[] }).modules.map(
      (m) => m.source,
    );
    expect(sources).toEqual(['h#sh.py', 'pk#g/__init__.py']);
    expect([...result.files.keys()].sort()).toEqual([
      'h#sh.py',
      'main.cjs',
      'pk#g/__init__.py',
      'pycache-manifest.json',
    ]);
    expect(result.files.get('h#sh.py')?.toString()).toBe(HASHED['py/h#sh.py']);
    const again = await build(host, config);
    expect([...again.files.keys()].sort()).toEqual([...result.files.keys()].sort());
  });

  it("writes them through the compiler's output file system (a dev server's memory one)", async () => {
    const dir = makeProject(null, 'context', HASHED);
    writeFileSync(join(dir, 'main.js'), HASHED['main.js']);
    const config = buildConfig(host, dir, setup);
    const compiler = createCompiler(host, config);
    const memory = createFsFromVolume(new Volume());
    Object.assign(compiler, { outputFileSystem: memory });
    const errors = await new Promise<string[]>((resolve, reject) => {
      compiler.run((error, stats) =>
        error || !stats
          ? reject(error ?? new Error('no stats'))
          : resolve((stats.toJson({ all: false, errors: true }).errors ?? []).map((e) => e.message)),
      );
    });
    await new Promise<void>((resolve) => compiler.close(() => resolve()));
    expect(errors).toEqual([]);
    const out = config.output.path;
    expect(String(memory.readFileSync(join(out, 'h#sh.py')))).toBe(HASHED['py/h#sh.py']);
    expect(memory.existsSync(join(out, 'pk#g/__init__.py'))).toBe(true);
    expect(memory.existsSync(join(out, 'h'))).toBe(false);
  });

  it('names a file with ? in its name, which no request can import', async () => {
    const dir = makeProject(null, 'context', HASHED);
    for (const request of ['./py/pk#g/m?d.pyw', './py/pk\\0#g/m\\0?d.pyw']) {
      writeFileSync(
        join(dir, 'main.js'),
        `import m from ${JSON.stringify(request).replaceAll('\\\\', '\\')};\nexport const sources = { m };\n`,
      );
      const result = await build(host, buildConfig(host, dir, setup));
      expect(result.errors.join('\n'), request).toContain(
        `pycache: ${join(dir, 'py/pk#g/m?d.pyw')} cannot be imported: its name holds '?', where webpack and Rspack start a request's query (no escape exists for it); rename the file`,
      );
      expect(result.errors.join('\n')).not.toContain('    at ');
    }
  });
});

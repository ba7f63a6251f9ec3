// No host writes a file outside its output folder, whatever the manifest's paths say: a target whose cacheTag
// climbs out ('x/../../../../ESCAPED') made webpack write a .pyc outside output.path. The shared "files to write"
// step refuses any path that is not a plain relative one, naming it, before a host writes anything.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build as viteBuild } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';
import { OutputPathError, pythonOutputs } from '../plugins/common/build-outputs.js';
import { resolveOptions } from '../plugins/common/options.js';
import pycache from '../plugins/vite.js';
import { build, buildConfig, cleanupProjects, makeProject } from './webpack-harness.js';

const ESCAPING = { version: '3.14', cacheTag: 'x/../../../../ESCAPED' };

afterAll(() => cleanupProjects());

/** Every file under `dir` whose name says it came from the escaping tag (wherever it landed). */
function escaped(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).filter((path) => path.includes('ESCAPED'));
}

describe('every written path stays inside the output folder', () => {
  it.each([
    ['a source path with ..', { source: '../evil.py', cache: { '': '__pycache__/evil.cpython-314.pyc' } }, '../evil.py', "it has an empty, '.' or '..' segment"],
    ['an absolute source path', { source: '/etc/evil.py', cache: { '': 'x.pyc' } }, '/etc/evil.py', 'it is absolute'],
    ['a backslash', { source: 'a\\..\\..\\evil.py', cache: { '': 'x.pyc' } }, 'a\\..\\..\\evil.py', 'it holds a backslash'],
  ])('the shared step refuses %s, naming the module', async (_title, paths, fileName, problem) => {
    const options = resolveOptions({ python: '3.14', emitSources: true, manifest: 'pycache-manifest.json' });
    const entry = { module: 'evil', encoding: 'utf-8', size: 1, sha256: '0'.repeat(64), ...paths };
    const error = await pythonOutputs(options, [{ entry, bytes: () => new Uint8Array([0x0a]) }], '/').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutputPathError);
    expect((error as Error).message).toBe(`pycache: refusing to write ${JSON.stringify(fileName)} for module evil: ${problem}, so it could land outside the output folder; nothing was written`);
  });

  it('webpack with precompile and an escaping cacheTag: a build error, no file outside output.path', async () => {
    // One module: with more, their .pyc collide on the one escaped name and precompile's own check fails first.
    const dir = makeProject(null, 'bad-cookie', { 'py/cookie.py': 'X = 1\n' });
    const options = { python: ESCAPING, roots: 'py', precompile: true };
    const outDir = join(dir, 'a', 'b', 'c', 'd', 'out');
    const result = await build('webpack', buildConfig('webpack', dir, { loader: { python: ESCAPING, roots: 'py' }, plugin: options, outDir, mode: 'development' }));
    expect(result.errors.join('\n')).toMatch(/ESCAPED/);
    expect(escaped(dir)).toEqual([]);
  });

  it('Vite with precompile and an escaping cacheTag: a build error, nothing outside outDir', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pck-escape-'));
    try {
      writeFileSync(join(dir, 'main.js'), "import m from './m.py';\nconsole.log(m);\n");
      writeFileSync(join(dir, 'm.py'), 'X = 1\n');
      const outDir = join(dir, 'a', 'b', 'c', 'd', 'dist');
      await expect(viteBuild({ root: dir, configFile: false, logLevel: 'silent', plugins: [pycache({ python: ESCAPING, precompile: true })], build: { outDir, lib: { entry: join(dir, 'main.js'), formats: ['es'] } } })).rejects.toThrow(/ESCAPED/);
      expect(escaped(dir)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

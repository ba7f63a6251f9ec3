// No host writes a file outside its output folder, whatever the manifest's paths say: a target whose cacheTag
// climbed out ('x/../../../../ESCAPED') made webpack write a .pyc outside output.path. Such a tag is now refused
// where the target is made (test/unit/plugins/plugin-python-option-target.test.ts); the shared "files to write" step also
// refuses any path that is not a plain relative one, naming it, before a host writes anything.
import { describe, expect, it } from 'vitest';
import { OutputPathError, pythonOutputs } from '../../../plugins/common/build-outputs.js';
import { resolveOptions } from '../../../plugins/common/options.js';

describe('every written path stays inside the output folder', () => {
  it.each([
    [
      'a source path with ..',
      { source: '../evil.py', cache: { '': '__pycache__/evil.cpython-314.pyc' } },
      '../evil.py',
      "it has an empty, '.' or '..' segment",
    ],
    ['an absolute source path', { source: '/etc/evil.py', cache: { '': 'x.pyc' } }, '/etc/evil.py', 'it is absolute'],
    [
      'a backslash',
      { source: 'a\\..\\..\\evil.py', cache: { '': 'x.pyc' } },
      'a\\..\\..\\evil.py',
      'it holds a backslash',
    ],
  ])('the shared step refuses %s, naming the module', async (_title, paths, fileName, problem) => {
    const options = resolveOptions({ python: '3.14', emitSources: true, manifest: 'pycache-manifest.json' });
    const entry = { module: 'evil', encoding: 'utf-8', size: 1, sha256: '0'.repeat(64), ...paths };
    const error = await pythonOutputs(options, [{ entry, bytes: () => new Uint8Array([0x0a]) }], '/').catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(OutputPathError);
    expect((error as Error).message).toBe(
      `pycache: refusing to write ${JSON.stringify(fileName)} for module evil: ${problem}, so it could land outside the output folder; nothing was written`,
    );
  });
});

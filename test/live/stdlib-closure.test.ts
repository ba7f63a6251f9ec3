// The stdlib archive's closure (plugins/common/stdlib-closure.ts) with the target's own parser (Pyodide 3.14 in
// Node): every import form is followed through the stdlib's sources, inside functions too, while imports that
// never run on the target (`if TYPE_CHECKING:`, `if __name__ == '__main__':`, the other platform's branch of a
// `sys.platform` / `os.name` test) are not; and on the real stdlib, the modules that stdlib functions import.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { buildStdlibArchive } from '../../plugins/common/stdlib-archive.js';
import { stdlibClosure } from '../../plugins/common/stdlib-closure.js';
import { pythonTarget } from '../../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'pycache-stdlib-closure-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function tree(root: string, files: Record<string, string>): string {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

it('follows every import that can run, and none that cannot', { timeout: 300_000 }, async () => {
  const lib = tree(join(dir, 'lib'), {
    'top.py': [
      'import sys, os',
      'from typing import TYPE_CHECKING',
      'import a.b.c',
      'from pkg import sub',
      'if TYPE_CHECKING:',
      '    import typed_only',
      'if sys.platform == "win32":',
      '    import win_only',
      'elif sys.platform.startswith("emscripten"):',
      '    import emscripten_only',
      'if os.name != "nt":',
      '    import posix_only',
      'else:',
      '    import nt_only',
      'try:',
      '    import optional_present',
      'except ImportError:',
      '    optional_present = None',
      'def later():',
      '    import in_function',
      '    __import__("dunder_import")',
      '    import importlib',
      '    importlib.import_module(".rel", "pkg")',
      'class C:',
      '    from pkg.deep import leaf',
      'if __name__ == "__main__":',
      '    import main_only',
      '',
    ].join('\n'),
    'a/__init__.py': '',
    'a/b/__init__.py': '',
    'a/b/c.py': 'from .. import sibling\nfrom ..other import name\n',
    'a/sibling.py': '',
    'a/other.py': '',
    'pkg/__init__.py': '',
    'pkg/sub.py': '',
    'pkg/rel.py': '',
    'pkg/deep/__init__.py': '',
    'pkg/deep/leaf.py': '',
    'typed_only.py': '',
    'win_only.py': '',
    'emscripten_only.py': '',
    'posix_only.py': '',
    'nt_only.py': '',
    'optional_present.py': '',
    'in_function.py': 'def f():\n    from . import not_a_package_import\n',
    'dunder_import.py': '',
    'main_only.py': '',
    'unrelated.py': '',
  });
  const kept = await stdlibClosure({
    dir: lib,
    from: ['top', 'builtin_only'],
    target: pythonTarget('3.14'),
    projectRoot: dir,
  });
  expect(kept).toEqual(
    [
      'a',
      'a.b',
      'a.b.c',
      'a.other',
      'a.sibling',
      'dunder_import',
      'emscripten_only',
      'in_function',
      'optional_present',
      'pkg',
      'pkg.deep',
      'pkg.deep.leaf',
      'pkg.rel',
      'pkg.sub',
      'posix_only',
      'top',
    ].sort(),
  );
});

it('keeps what stdlib functions import, in the real stdlib archive', { timeout: 600_000 }, async () => {
  // No runtime probe: only the closure of what is reached (and the UTF-8 codec).
  const archive = await buildStdlibArchive({
    target: '3.14',
    reached: ['email.message', 'tarfile', 'asyncio'],
    encodings: ['utf-8'],
    runtimeModules: [],
    projectRoot: dir,
  });
  // `EmailMessage.__init__` imports email.policy; `TarFile.gzopen` imports gzip (in a try/except ImportError).
  for (const name of ['email.policy', 'gzip', 'asyncio.base_events', 'concurrent.futures.thread'])
    expect(archive.modules).toContain(name);
  // `if sys.platform == 'win32': from .windows_events import *` never runs in Pyodide.
  for (const name of ['asyncio.windows_events', 'asyncio.windows_utils', 'tomllib'])
    expect(archive.modules).not.toContain(name);
});

it(
  "keeps Pyodide's startup modules as found by running, without their function-level imports",
  { timeout: 600_000 },
  async () => {
    // `site` defines `help()`, whose `_sitebuiltins._Helper.__call__` imports pydoc (and pydoc http.server…): no app
    // reached them, so they are left out; an app that reaches `_sitebuiltins` itself gets them.
    const startupOnly = await buildStdlibArchive({
      target: '3.14',
      reached: [],
      runtimeModules: ['site', '_sitebuiltins'],
      projectRoot: dir,
    });
    expect(startupOnly.modules).toEqual(expect.arrayContaining(['site', '_sitebuiltins']));
    expect(startupOnly.modules).not.toContain('pydoc');
    const reachedByApp = await buildStdlibArchive({
      target: '3.14',
      reached: ['_sitebuiltins'],
      runtimeModules: ['site', '_sitebuiltins'],
      projectRoot: dir,
    });
    expect(reachedByApp.modules).toContain('pydoc');
  },
);

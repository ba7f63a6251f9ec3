// Units of the `stdlib` and `pyodide` options: validation, the include patterns, module names of zip paths, the
// manifest field's relative URLs and their resolution by the runtime.
import { describe, expect, it } from 'vitest';
import { resolveOptions, PycacheOptionError } from '../../../plugins/common/options.js';
import { manifestPyodideField } from '../../../plugins/common/pyodide-runtime.js';
import { matching, moduleOf } from '../../../plugins/common/stdlib-archive.js';
import { implicitImports } from '../../../plugins/common/stdlib-implicit.js';
import { serializePyodideField } from '../../../plugins/common/manifest-pyodide.js';
import { pyodideLocation } from '../../../src/pyodide/index.js';

const pkg = { name: 'pyodide', dir: '/x/node_modules/pyodide', python: '3.14.2', version: '314.0.7' };

describe('stdlib and pyodide options', () => {
  it('resolve with defaults and refuse bad values, naming the option', () => {
    expect(resolveOptions({}).stdlib).toBe(false);
    expect(resolveOptions({ stdlib: true }).stdlib).toEqual({
      include: [],
      sources: true,
      compression: 'deflated',
      codecs: 'all',
    });
    expect(
      resolveOptions({
        stdlib: { include: ['xml.*', 'tomllib', '*'], sources: false, compression: 'stored', codecs: 'sources' },
      }).stdlib,
    ).toEqual({ include: ['xml.*', 'tomllib', '*'], sources: false, compression: 'stored', codecs: 'sources' });
    expect(resolveOptions({ pyodide: true }).pyodide).toBe(true);
    for (const bad of [
      { stdlib: 'yes' },
      { stdlib: { include: ['a..b'] } },
      { stdlib: { sources: 1 } },
      { stdlib: { compression: 'zstd' } },
      { stdlib: { codecs: 'none' } },
      { stdlib: { extra: 1 } },
      { pyodide: 'yes' },
    ]) {
      expect(() => resolveOptions(bad)).toThrow(PycacheOptionError);
    }
    expect(() => resolveOptions({ stdlib: { compression: 'zstd' } })).toThrow(
      /option "stdlib" compression must be 'deflated' or 'stored'/,
    );
    expect(() => resolveOptions({ stdlib: { codecs: 'none' } })).toThrow(
      /option "stdlib" codecs must be 'all' or 'sources', got "none"/,
    );
  });

  it("implicit imports: the interpreter's, those by name of the kept modules, and every codec unless told not to", () => {
    const stdlib = [
      '_pylong',
      '_strptime',
      '_sysconfigdata__emscripten_wasm32-emscripten',
      'encodings',
      'encodings.cp437',
      'encodings.idna',
      'json',
      'sysconfig',
      'xml.dom.minidom',
      'xml.sax',
      'xml.sax.expatreader',
    ];
    expect(implicitImports(['json'], stdlib, 'sources')).toEqual(['_pylong', '_strptime']);
    expect(implicitImports(['json'], stdlib, 'all')).toEqual([
      '_pylong',
      '_strptime',
      'encodings.cp437',
      'encodings.idna',
    ]);
    expect(implicitImports(['xml.sax', 'sysconfig', 'xml.dom'], stdlib, 'sources')).toEqual([
      '_pylong',
      '_strptime',
      '_sysconfigdata__emscripten_wasm32-emscripten',
      'xml.dom.minidom',
      'xml.sax.expatreader',
    ]);
    // Only modules the target's stdlib has: Pyodide 3.14 has no dbm, 3.11 no _pylong.
    expect(implicitImports(['dbm'], ['dbm', 'dbm.dumb', '_strptime'], 'all')).toEqual(['_strptime', 'dbm.dumb']);
  });

  it('include patterns select exact names, a package and everything below it, or everything', () => {
    const names = ['xml', 'xml.dom', 'xml.dom.minidom', 'xmlrpc', 'json'];
    expect(matching('xml.*', names)).toEqual(['xml', 'xml.dom', 'xml.dom.minidom']);
    expect(matching('xml', names)).toEqual(['xml']);
    expect(matching('*', names)).toEqual(names);
    expect(moduleOf('json/__init__.py')).toBe('json');
    expect(moduleOf('json/decoder.py')).toBe('json.decoder');
    expect(moduleOf('_pydatetime.py')).toBe('_pydatetime');
  });

  it('the manifest field holds URLs relative to the manifest, which the runtime resolves against its URL', () => {
    expect(manifestPyodideField('pycache-manifest.json', { runtime: pkg })).toEqual({
      indexURL: 'pyodide/',
      version: '314.0.7',
    });
    expect(manifestPyodideField('a/b/m.json', { runtime: pkg, stdlibPath: 'pyodide/python_stdlib.zip' })).toEqual({
      indexURL: '../../pyodide/',
      version: '314.0.7',
      stdLibURL: '../../pyodide/python_stdlib.zip',
    });
    expect(manifestPyodideField('py/m.json', { stdlibPath: 'py/python_stdlib.zip' })).toEqual({
      stdLibURL: 'python_stdlib.zip',
    });
    expect(manifestPyodideField('m.json', {})).toBeUndefined();
    expect(serializePyodideField({ stdLibURL: 's.zip', indexURL: 'p/' })).toEqual([
      '  "pyodide": {',
      '    "indexURL": "p/",',
      '    "stdLibURL": "s.zip"',
      '  },',
    ]);
    expect(
      pyodideLocation(
        { pyodide: { indexURL: '../../pyodide/', stdLibURL: '../../pyodide/python_stdlib.zip' } },
        'https://h.test/app/a/b/m.json',
      ),
    ).toEqual({ indexURL: 'https://h.test/app/pyodide/', stdLibURL: 'https://h.test/app/pyodide/python_stdlib.zip' });
    expect(pyodideLocation({}, 'https://h.test/m.json')).toEqual({});
    expect(() => pyodideLocation({ pyodide: { indexURL: '' } }, 'https://h.test/m.json')).toThrow(
      /manifest\.pyodide\.indexURL/,
    );
  });
});

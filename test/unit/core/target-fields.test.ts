// Every field of a target is checked where the target is made: a tag that is not a tag shape (`x/../ESCAPED`
// put .pyc files outside a bundler's output folder), a magic number that is not 4 bytes ('abcd' became
// 00000000), fields of the wrong type or with a misspelt name. TypeError for types, ValueError for shapes.
import { describe, expect, it } from 'vitest';
import { cacheFromSource, pythonTarget, sourceFromCache, ValueError, writePycHeader } from '../../../src/index.js';
import type { PythonTargetSpec } from '../../../src/index.js';

const make = (spec: unknown) => () => pythonTarget(spec as PythonTargetSpec);

describe('pythonTarget checks every field', () => {
  it('cacheTag: a tag shape or null; TypeError for other types', () => {
    for (const tag of [
      '',
      'x/../../../../ESCAPED',
      '..',
      '../x',
      'a/b',
      'a\\b',
      'a.b',
      '.',
      '-312',
      'cpython 312',
      'c\0',
      'x'.repeat(65),
    ]) {
      expect(make({ version: '3.14', cacheTag: tag }), JSON.stringify(tag)).toThrow(ValueError);
      expect(make({ version: '3.14', cacheTag: tag }), JSON.stringify(tag)).toThrow(
        /cacheTag .* is not a cache tag: .*CPython 'cpython-312', PyPy 'pypy310', GraalPy 'graalpy241-311'/,
      );
      // Through the path functions too: nothing is built from a bad tag.
      expect(
        () => cacheFromSource('m.py', { target: { version: '3.14', cacheTag: tag } }),
        JSON.stringify(tag),
      ).toThrow(ValueError);
    }
    for (const tag of [7, true, {}, ['cpython-312']]) {
      expect(make({ version: '3.14', cacheTag: tag }), String(tag)).toThrow(TypeError);
      expect(make({ version: '3.14', cacheTag: tag }), String(tag)).toThrow(
        /^cacheTag must be a string such as 'cpython-312' or null, not '/,
      );
    }
    expect(pythonTarget({ version: '3.14', cacheTag: null }).cacheTag).toBeNull();
    expect(pythonTarget({ version: '3.12', cacheTag: 'myimpl-312' }).cacheTag).toBe('myimpl-312');
    expect(cacheFromSource('p/m.py', { target: { version: '3.12', cacheTag: 'custom_tag-1' } })).toBe(
      'p/__pycache__/m.custom_tag-1.pyc',
    );
  });

  it('magicNumber: exactly 4 bytes from bytes or byte values; a string is TypeError', () => {
    expect(make({ version: '3.14', magicNumber: 'abcd' })).toThrow(TypeError);
    expect(make({ version: '3.14', magicNumber: 'abcd' })).toThrow(
      "magicNumber must be 4 bytes (a Uint8Array or an array of byte values), not 'str'",
    );
    expect(make({ version: '3.14', magicNumber: 3627 })).toThrow(TypeError);
    expect(make({ version: '3.14', magicNumber: [1, 2, 3] })).toThrow(
      'magicNumber must be 4 bytes (importlib.util.MAGIC_NUMBER), not 3',
    );
    expect(make({ version: '3.14', magicNumber: Uint8Array.of(1, 2, 3, 4, 5) })).toThrow(ValueError);
    expect(make({ version: '3.14', magicNumber: [256, 0, 13, 10] })).toThrow(
      'magicNumber must hold byte values (integers 0-255)',
    );
    expect(make({ version: '3.14', magicNumber: [1.5, 0, 13, 10] })).toThrow(ValueError);
    expect(make({ version: '3.14', magicNumber: ['a', 'b', 'c', 'd'] })).toThrow(ValueError);
    expect([...pythonTarget({ version: '3.14', magicNumber: [0x2a, 0x0e, 0x0d, 0x0a] }).magicNumber]).toEqual([
      0x2a, 0x0e, 0x0d, 0x0a,
    ]);
    expect([...pythonTarget({ version: '3.14', magicNumber: new Int8Array([42, 14, 13, 10]) }).magicNumber]).toEqual([
      42, 14, 13, 10,
    ]);
    expect([
      ...writePycHeader({ target: { version: '3.14', magicNumber: Uint16Array.of(0x0e2a, 0x0a0d) } }).subarray(0, 4),
    ]).toEqual([0x2a, 0x0e, 0x0d, 0x0a]);
  });

  it('version, optimize, pycachePrefix, cwd, platform, implementation: TypeError naming the field for a wrong type', () => {
    // 3.10 as a number is 3.1: refused rather than guessed.
    expect(make({ version: 3.1 })).toThrow("version must be a string, not 'float'");
    expect(make({ version: 312 })).toThrow(TypeError);
    expect(make({ optimize: '1' })).toThrow("optimize must be 0, 1 or 2 (sys.flags.optimize), not 'str'");
    expect(make({ optimize: 3 })).toThrow(RangeError);
    expect(make({ version: '3.12', pycachePrefix: 7 })).toThrow("pycachePrefix must be a string or null, not 'int'");
    expect(make({ cwd: 5 })).toThrow("cwd must be a string, not 'int'");
    expect(make({ platform: 1 })).toThrow("platform must be 'posix' or 'win32', not 'int'");
    expect(make({ platform: 'nt' })).toThrow(RangeError);
    expect(make({ implementation: 'jython' })).toThrow(ValueError);
    expect(make({ implementation: 'jython' })).toThrow(
      "implementation must be 'cpython', 'pypy' or 'graalpy', not \"jython\"",
    );
  });

  it('a misspelt field or a spec that is neither a string nor an object is TypeError', () => {
    expect(make({ version: '3.12', optimise: 2 })).toThrow('unknown target field "optimise"');
    expect(make({ version: '3.12', magic_number: [1, 2, 3, 4] })).toThrow(TypeError);
    expect(make(312)).toThrow("a Python target is a version such as '3.12', a cache tag or a target object, not 'int'");
    expect(make(['3.12'])).toThrow(TypeError);
    expect(make(Uint8Array.of(1))).toThrow(TypeError);
  });

  it('targets made from a target object or its copy keep working', () => {
    const t = pythonTarget({ version: '3.12', optimize: 2 });
    expect(pythonTarget(t)).toBe(t);
    expect(pythonTarget({ ...t, platform: 'win32' }).platform).toBe('win32');
    expect(sourceFromCache('a/__pycache__/b.cpython-312.pyc', { target: { ...t } })).toBe('a/b.py');
  });
});

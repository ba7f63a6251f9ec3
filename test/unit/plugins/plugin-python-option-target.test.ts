// The plugins make their target with the core's pythonTarget, so the field checks reach both hosts' `python`
// option: a cache tag that would put .pyc files outside the output folder, a magic number that is not 4 bytes.
import { describe, expect, it } from 'vitest';
import { PycacheOptionError, resolveOptions } from '../../../plugins/common/options.js';

describe("the plugins' python option goes through the core's target checks", () => {
  it("refuses a cache tag with '..' or '/' and a magic number that is not 4 bytes, naming the option and the field", () => {
    const bad: unknown[] = [
      { version: '3.14', cacheTag: 'x/../../../../ESCAPED' },
      { version: '3.14', cacheTag: '' },
      { version: '3.14', cacheTag: 7 },
      { version: '3.14', magicNumber: 'abcd' },
      { version: '3.14', magicNumber: [1, 2, 3] },
    ];
    for (const python of bad) {
      expect(() => resolveOptions({ python }), JSON.stringify(python)).toThrow(PycacheOptionError);
      expect(() => resolveOptions({ python }), JSON.stringify(python)).toThrow(
        /option "python" is not a Python target: (cacheTag|magicNumber)/,
      );
    }
  });

  it('accepts PyPy and GraalPy tags with their own magic numbers', () => {
    expect(Buffer.from(resolveOptions({ python: 'pypy310' }).target.magicNumber).toString('hex')).toBe('80010d0a');
    expect(Buffer.from(resolveOptions({ python: 'graalpy241-311' }).target.magicNumber).toString('hex')).toBe(
      '2a530d0a',
    );
  });
});

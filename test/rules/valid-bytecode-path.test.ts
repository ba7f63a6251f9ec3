import rule from '../../rules/valid-bytecode-path.js';
import { runRule } from './rule-tester.js';

// The error texts below are CPython's (importlib.util, run on 3.6 .. 3.15; see the core's fixtures).
const PASS_A_PATH = 'Pass a path CPython writes: <folder>/__pycache__/<name>.<cache tag>[.opt-N].pyc';
const IMPORT = "import { cacheFromSource, sourceFromCache, pythonTarget, magicNumberFor } from 'pycache-kit';\n";

runRule('valid-bytecode-path', rule, {
  valid: [
    `${IMPORT}sourceFromCache('/a/__pycache__/b.cpython-312.pyc');`,
    `${IMPORT}sourceFromCache('/a/__pycache__/b.x.opt-1.pyc');`,
    // Windows paths are checked with Windows rules.
    `${IMPORT}sourceFromCache('C:\\\\a\\\\__pycache__\\\\b.cpython-312.pyc');`,
    // Run-time values cannot be judged.
    `${IMPORT}sourceFromCache(file);`,
    `${IMPORT}sourceFromCache(\`\${dir}/b.pyc\`);`,
    `${IMPORT}cacheFromSource('a.py', { optimization: 2 });`,
    `${IMPORT}cacheFromSource('a.py', { optimization: '' });`,
    `${IMPORT}cacheFromSource('a.py', { optimization: level });`,
    `${IMPORT}cacheFromSource('a.py', { debugOverride: true });`,
    `${IMPORT}cacheFromSource('a.py', { debugOverride: null, optimization: 1 });`,
    `${IMPORT}pythonTarget('3.12'); pythonTarget('3.12.1'); pythonTarget('cpython-312'); pythonTarget({ version: '3.8', cwd: process.cwd() });`,
    `${IMPORT}magicNumberFor('3.5.1');`,
    // A local function of the same name is not the core's.
    "function sourceFromCache(p) { return p; }\nsourceFromCache('/a/b.pyc');",
    // Paths CPython writes; globs; legacy files outside __pycache__.
    "const p = '/a/__pycache__/b.cpython-312.opt-2.pyc';",
    "const g = '**/__pycache__/*.pyc';",
    "const l = 'build/mod.pyc';",
    // 3.5+ write `b.c.cpython-312.pyc` for `b.c.py` (last dot), though source_from_cache cannot map it back.
    "const dotted = '/a/__pycache__/b.c.cpython-312.pyc'; const opt = 'x/__pycache__/a.b.c.cpython-311.opt-2.pyc';",
  ],
  invalid: [
    {
      code: `${IMPORT}sourceFromCache('/a/b.pyc');`,
      errors: [
        {
          messageId: 'throws',
          data: {
            call: 'sourceFromCache()',
            error: "ValueError: __pycache__ not bottom-level directory in '/a/b.pyc'",
            advice: PASS_A_PATH,
          },
          column: 17,
        },
      ],
    },
    {
      code: `${IMPORT}const P = '/a/__pycache__/b.pyc';\nsourceFromCache(P);`,
      // The constant is reported where it is written, and the call where it fails.
      errors: [
        { messageId: 'impossiblePath', line: 2 },
        {
          messageId: 'throws',
          data: {
            call: 'sourceFromCache()',
            error: "ValueError: expected only 2 or 3 dots in 'b.pyc'",
            advice: PASS_A_PATH,
          },
          line: 3,
        },
      ],
    },
    {
      // TypeScript: the value behind an assertion is still known.
      code: `${IMPORT}const bad: string = sourceFromCache(('/a/__pycache__/b.pyc' as string)!);`,
      errors: [
        {
          messageId: 'throws',
          data: {
            call: 'sourceFromCache()',
            error: "ValueError: expected only 2 or 3 dots in 'b.pyc'",
            advice: PASS_A_PATH,
          },
        },
      ],
    },
    {
      code: `${IMPORT}sourceFromCache('/a/__pycache__/b.x.y.pyc');`,
      errors: [
        {
          messageId: 'throws',
          data: {
            call: 'sourceFromCache()',
            error: "ValueError: optimization portion of filename does not start with 'opt-'",
            advice: PASS_A_PATH,
          },
        },
      ],
    },
    {
      code: `${IMPORT}sourceFromCache('/a/__pycache__/b.x.opt-a-b.pyc');`,
      errors: [
        {
          messageId: 'throws',
          data: {
            call: 'sourceFromCache()',
            error: "ValueError: optimization level 'opt-a-b' is not an alphanumeric value",
            advice: PASS_A_PATH,
          },
        },
      ],
    },
    {
      // Windows: rejected by both platforms' rules.
      code: `${IMPORT}sourceFromCache('C:\\\\a\\\\b.cpython-312.pyc');`,
      errors: [
        {
          messageId: 'throws',
          data: {
            call: 'sourceFromCache()',
            error: "ValueError: __pycache__ not bottom-level directory in 'C:\\\\a\\\\b.cpython-312.pyc'",
            advice: PASS_A_PATH,
          },
        },
      ],
    },
    {
      code: `${IMPORT}import * as pk from 'pycache-kit';\npk.cacheFromSource('a.py', { optimization: 'a-b' });`,
      errors: [
        {
          messageId: 'throws',
          data: {
            call: 'cacheFromSource()',
            error: "ValueError: 'a-b' is not alphanumeric",
            advice: "Use '' (no optimization), or an alphanumeric level such as 1 or 2",
          },
        },
      ],
    },
    {
      code: `${IMPORT}cacheFromSource('a.py', { optimization: -1 });`,
      errors: [
        {
          messageId: 'throws',
          data: {
            call: 'cacheFromSource()',
            error: "ValueError: '-1' is not alphanumeric",
            advice: "Use '' (no optimization), or an alphanumeric level such as 1 or 2",
          },
        },
      ],
    },
    {
      code: `${IMPORT}cacheFromSource('a.py', { debugOverride: true, optimization: '' });`,
      errors: [
        {
          messageId: 'throws',
          data: {
            call: 'cacheFromSource()',
            error: 'TypeError: debug_override or optimization must be set to None',
            advice: 'Drop debugOverride (deprecated) and keep optimization',
          },
          column: 27,
        },
      ],
    },
    {
      // The option value is unknown, but any non-null level clashes with debugOverride.
      code: `${IMPORT}cacheFromSource(p, { debugOverride: flag, optimization: level });`,
      errors: [{ messageId: 'throws' }],
    },
    {
      // Python 3.15 removed debug_override.
      code: `${IMPORT}cacheFromSource('a.py', { debugOverride: false });`,
      settings: { pycache: { python: '3.15' } },
      errors: [
        {
          messageId: 'throws',
          data: {
            call: 'cacheFromSource()',
            error: 'TypeError: cache_from_source() takes 1 positional argument but 2 were given',
            advice: 'Use optimization instead of debugOverride',
          },
        },
      ],
    },
    {
      code: `${IMPORT}pythonTarget('2.7');`,
      errors: [
        {
          messageId: 'throws',
          data: {
            call: "pythonTarget('2.7')",
            advice: 'Name a version the core knows, or a cache tag such as cpython-312',
            error:
              'RangeError: unknown Python version or cache tag "2.7": known versions are 3.0, 3.1, 3.2, 3.3, 3.4, 3.5, 3.6, 3.7, 3.8, 3.9, 3.10, 3.11, 3.12, 3.13, 3.14, 3.15',
          },
        },
      ],
    },
    {
      code: `${IMPORT}pythonTarget({ version: '3.99', cwd: process.cwd() });\nmagicNumberFor('3.16');`,
      errors: [
        { messageId: 'throws', line: 2 },
        { messageId: 'throws', line: 3 },
      ],
    },
    {
      // A __pycache__ path no interpreter writes, anywhere in the code.
      code: "const p = 'lib/__pycache__/mod.pyc';",
      errors: [
        {
          messageId: 'impossiblePath',
          data: { path: 'lib/__pycache__/mod.pyc', error: "ValueError: expected only 2 or 3 dots in 'mod.pyc'" },
        },
      ],
    },
    {
      code: "const p = path.join(root, '__pycache__', 'mod.cpython-312.opt-.pyc');",
      errors: [
        {
          messageId: 'impossiblePath',
          data: {
            path: '${…}/__pycache__/mod.cpython-312.opt-.pyc',
            error: "ValueError: optimization level 'opt-' is not an alphanumeric value",
          },
        },
      ],
    },
    {
      code: 'const p = `${root}\\\\__pycache__\\\\mod.a.b.c.pyc`;',
      errors: [
        {
          messageId: 'impossiblePath',
          data: {
            path: '${…}\\__pycache__\\mod.a.b.c.pyc',
            error: "ValueError: expected only 2 or 3 dots in 'mod.a.b.c.pyc'",
          },
        },
      ],
    },
  ],
});

import rule from '../../rules/consistent-python-version.js';
import { runRule } from './rule-tester.js';

const IMPORT = "import { pythonTarget, magicNumberFor, cacheFromSource } from 'pycache-kit';\n";
const on312 = { pycache: { python: '3.12' } };
const WEBPACK_CONFIG = [
  "import { PycachePlugin } from 'pycache-kit/webpack';",
  "import * as wp from 'pycache-kit/webpack';",
  'export default {',
  "  module: { rules: [{ test: /\\.py$/, loader: 'pycache-kit/webpack-loader', options: { python: 'cpython-310' } }] },",
  "  plugins: [new PycachePlugin({ python: '3.13' }), new wp.PycachePlugin({ python: `3.9` })],",
  '};',
].join('\n');

runRule('consistent-python-version', rule, {
  valid: [
    // Without settings.pycache.python the rule has nothing to compare with.
    "const tag = 'cpython-311';",
    { code: "const tag = 'cpython-312'; const p = '__pycache__/m.cpython-312.pyc';", settings: on312 },
    {
      code: `${IMPORT}pythonTarget('3.12.1'); pythonTarget('cpython-312'); magicNumberFor('3.12'); cacheFromSource('a.py', { target: '3.12' });`,
      settings: on312,
    },
    { code: 'const m = new Uint8Array([0xcb, 0x0d, 0x0d, 0x0a]);', settings: on312 },
    // A cache tag setting works too; PyPy 3.12 is the same language version.
    { code: "const tag = 'pypy312';", settings: { pycache: { python: 'cpython-312' } } },
    // Looking a number up is not targeting it.
    {
      code: "import { versionForMagic } from 'pycache-kit';\nversionForMagic([0xa7, 0x0d, 0x0d, 0x0a]);",
      settings: on312,
    },
    // Prose and ABI tags.
    { code: "log('upgrading from cpython-311');\nconst so = 'x.cpython-311-darwin.so';", settings: on312 },
    // The configured version in plugin options; a local function that happens to be called pycache is not the plugin.
    {
      code: "import pycache from 'pycache-kit/vite';\nimport { PycachePlugin } from 'pycache-kit/webpack';\npycache({ python: '3.12' }); new PycachePlugin({ python: 'cpython-312' });",
      settings: on312,
    },
    {
      code: "const pycache = (o) => o;\npycache({ python: '3.11' });\nconst rule = { loader: 'other-loader', options: { python: '3.11' } };",
      settings: on312,
    },
    // Unknown versions are valid-bytecode-path's to report.
    { code: `${IMPORT}pythonTarget('3.99');`, settings: on312 },
  ],
  invalid: [
    {
      // The bundler plugins' and the loader's `python` option is a target too.
      code: "import pycache from 'pycache-kit/vite';\nexport default { plugins: [pycache({ python: '3.11', roots: ['py'] })] };",
      settings: on312,
      errors: [
        {
          messageId: 'otherTarget',
          data: { version: '3.11', configured: '3.12' },
          suggestions: [
            {
              messageId: 'useConfigured',
              output:
                "import pycache from 'pycache-kit/vite';\nexport default { plugins: [pycache({ python: '3.12', roots: ['py'] })] };",
            },
          ],
        },
      ],
    },
    {
      code: WEBPACK_CONFIG,
      settings: on312,
      errors: [
        {
          messageId: 'otherTarget',
          data: { version: '3.10', configured: '3.12' },
          suggestions: [{ messageId: 'useConfigured', output: WEBPACK_CONFIG.replace("'cpython-310'", "'3.12'") }],
        },
        {
          messageId: 'otherTarget',
          data: { version: '3.13', configured: '3.12' },
          suggestions: [{ messageId: 'useConfigured', output: WEBPACK_CONFIG.replace("'3.13'", "'3.12'") }],
        },
        { messageId: 'otherTarget', data: { version: '3.9', configured: '3.12' }, suggestions: [] },
      ],
    },
    {
      code: "const tag = 'cpython-311';",
      settings: on312,
      errors: [
        {
          messageId: 'otherTag',
          data: { tag: 'cpython-311', interpreter: 'CPython 3.11', configured: '3.12' },
          suggestions: [
            { messageId: 'useConfigured', data: { code: "'cpython-312'" }, output: "const tag = 'cpython-312';" },
          ],
        },
      ],
    },
    {
      // Bytecode paths name their interpreter by the tag.
      code: 'const p = "src/__pycache__/app.cpython-310.opt-1.pyc";',
      settings: on312,
      errors: [
        {
          messageId: 'otherTag',
          suggestions: [
            { messageId: 'useConfigured', output: 'const p = "src/__pycache__/app.cpython-312.opt-1.pyc";' },
          ],
        },
      ],
    },
    {
      // Another implementation's tag cannot simply be swapped.
      code: "const p = 'pypy39';",
      settings: on312,
      errors: [
        {
          messageId: 'otherTag',
          data: { tag: 'pypy39', interpreter: 'PyPy 3.9', configured: '3.12' },
          suggestions: [],
        },
      ],
    },
    {
      code: 'const p = `${root}/__pycache__/m.cpython-313.pyc`;',
      settings: on312,
      errors: [{ messageId: 'otherTag', suggestions: [] }],
    },
    {
      code: 'const m = new Uint8Array([0xf3, 0x0d, 0x0d, 0x0a]); const n = 0x0a0d0da7;',
      settings: on312,
      errors: [
        { messageId: 'otherMagic', data: { version: '3.13', number: 3571, configured: '3.12' } },
        { messageId: 'otherMagic', data: { version: '3.11', number: 3495, configured: '3.12' } },
      ],
    },
    {
      code: `${IMPORT}const t = pythonTarget('3.11');`,
      settings: on312,
      errors: [
        {
          messageId: 'otherTarget',
          data: { version: '3.11', configured: '3.12' },
          suggestions: [{ messageId: 'useConfigured', output: `${IMPORT}const t = pythonTarget('3.12');` }],
        },
      ],
    },
    {
      // Objects, cache tags, constants, magicNumberFor and `{ target }` options.
      code: `${IMPORT}const V = '3.10';\npythonTarget({ version: V, cwd: '/' }); pythonTarget({ cacheTag: 'cpython-39' }); magicNumberFor('3.13.0'); cacheFromSource('a.py', { target: '3.14' });`,
      settings: { pycache: { python: 'cpython-312' } },
      errors: [
        { messageId: 'otherTarget', data: { version: '3.10', configured: '3.12' }, suggestions: [] },
        {
          messageId: 'otherTarget',
          data: { version: '3.9', configured: '3.12' },
          suggestions: [
            {
              messageId: 'useConfigured',
              output: `${IMPORT}const V = '3.10';\npythonTarget({ version: V, cwd: '/' }); pythonTarget({ cacheTag: 'cpython-312' }); magicNumberFor('3.13.0'); cacheFromSource('a.py', { target: '3.14' });`,
            },
          ],
        },
        {
          messageId: 'otherTarget',
          data: { version: '3.13', configured: '3.12' },
          suggestions: [
            {
              messageId: 'useConfigured',
              output: `${IMPORT}const V = '3.10';\npythonTarget({ version: V, cwd: '/' }); pythonTarget({ cacheTag: 'cpython-39' }); magicNumberFor('cpython-312'); cacheFromSource('a.py', { target: '3.14' });`,
            },
          ],
        },
        {
          messageId: 'otherTarget',
          data: { version: '3.14', configured: '3.12' },
          suggestions: [
            {
              messageId: 'useConfigured',
              output: `${IMPORT}const V = '3.10';\npythonTarget({ version: V, cwd: '/' }); pythonTarget({ cacheTag: 'cpython-39' }); magicNumberFor('3.13.0'); cacheFromSource('a.py', { target: 'cpython-312' });`,
            },
          ],
        },
      ],
    },
    {
      // TypeScript: annotations and assertions around the version.
      code: `import type { PythonTarget } from 'pycache-kit';\n${IMPORT}const t: PythonTarget = pythonTarget('3.11' as const);`,
      settings: on312,
      errors: [{ messageId: 'otherTarget', data: { version: '3.11', configured: '3.12' }, suggestions: [] }],
    },
    {
      code: "const tag = 'cpython-312';",
      settings: { pycache: { python: '2.7' } },
      errors: [
        {
          messageId: 'badSetting',
          data: {
            spec: '"2.7"',
            error:
              'unknown Python version or cache tag "2.7": known versions are 3.0, 3.1, 3.2, 3.3, 3.4, 3.5, 3.6, 3.7, 3.8, 3.9, 3.10, 3.11, 3.12, 3.13, 3.14, 3.15',
          },
        },
      ],
    },
  ],
});

import rule from '../../rules/no-hardcoded-cache-tag.js';
import { runRule } from './rule-tester.js';

const IMPORT = "import { pythonTarget } from 'pycache-kit';\n";

runRule('no-hardcoded-cache-tag', rule, {
  valid: [
    // The core's own API: naming a version there is the point.
    "import { pythonTarget } from 'pycache-kit';\nconst t = pythonTarget('cpython-312');",
    "import { pythonTarget } from 'pycache-kit';\nconst t = pythonTarget({ cacheTag: 'pypy310' });",
    "import { versionForMagic } from 'pycache-kit';\nconst v = versionForMagic(new Uint8Array([0xcb, 0x0d, 0x0d, 0x0a]));",
    "import * as pk from 'pycache-kit';\nconst v = pk.versionForMagic([0xcb, 0x0d, 0x0d, 0x0a]);",
    // Extension-module ABI tags, wheel tags and prose are not cache tags.
    "const so = '_speedups.cpython-312-x86_64-linux-gnu.so';",
    "const wheel = 'cp312-cp312-manylinux_2_17_x86_64';",
    "throw new Error('expected cpython-312 bytecode');",
    // Look-alikes.
    "const name = 'mycpython-312';",
    "const v = 'cpython-3';",
    'const bytes = [0xcb, 0x0d, 0x0d, 0x0b];',
    'const two = [1, 2, 13, 10];',
    "const hash = 'deadbeef';",
    'const n = 3531;',
    // Bytecode paths are no-hardcoded-bytecode-path's.
    "const p = '__pycache__/mod.cpython-312.pyc';",
    // Type-level and keys.
    "type Tag = 'cpython-312';",
    "const byTag = { 'cpython-312': 1 };",
    { code: "const tags = ['cpython-312'];", options: [{ allow: ['^cpython-312$'] }] },
  ],
  invalid: [
    {
      code: "const tag = 'cpython-312';",
      errors: [
        {
          messageId: 'cacheTag',
          data: { tag: 'cpython-312', interpreter: 'CPython 3.12' },
          suggestions: [
            {
              messageId: 'useCacheTag',
              data: { code: "pythonTarget('3.12').cacheTag" },
              output: `${IMPORT}const tag = pythonTarget('3.12').cacheTag;`,
            },
          ],
        },
      ],
    },
    {
      // Inside a larger string: the suggestion builds a template literal.
      code: "const suffix = '.cpython-311.pyc';",
      errors: [
        {
          messageId: 'cacheTag',
          suggestions: [
            { messageId: 'useCacheTag', output: `${IMPORT}const suffix = \`.\${pythonTarget('3.11').cacheTag}.pyc\`;` },
          ],
        },
      ],
    },
    {
      // A template literal without `${}` parts; no rewrite offered there.
      code: 'const tag = `cpython-313`;',
      errors: [{ messageId: 'cacheTag', suggestions: [] }],
    },
    {
      // PyPy and GraalPy tags are reported; pythonTarget(version) would give CPython's tag, so no suggestion.
      code: "const tags = ['pypy310', 'graalpy242-311'];",
      errors: [
        { messageId: 'cacheTag', data: { tag: 'pypy310', interpreter: 'PyPy 3.10' }, suggestions: [] },
        { messageId: 'cacheTag', data: { tag: 'graalpy242-311', interpreter: 'GraalPy 3.11' }, suggestions: [] },
      ],
    },
    {
      // Magic numbers: typed array, keeping the type.
      code: 'const magic = new Uint8Array([0xcb, 0x0d, 0x0d, 0x0a]);',
      errors: [
        {
          messageId: 'magicNumber',
          data: { version: '3.12', number: 3531, stage: 'as released' },
          suggestions: [
            { messageId: 'useMagicNumber', output: `${IMPORT}const magic = pythonTarget('3.12').magicNumber;` },
          ],
        },
      ],
    },
    {
      code: 'const magic = Uint8Array.of(243, 13, 13, 10);',
      errors: [
        {
          messageId: 'magicNumber',
          data: { version: '3.13', number: 3571, stage: 'as released' },
          suggestions: [
            { messageId: 'useMagicNumber', output: `${IMPORT}const magic = pythonTarget('3.13').magicNumber;` },
          ],
        },
      ],
    },
    {
      code: "import { pythonTarget } from 'pycache-kit';\nconst header = Buffer.from([0xa7, 0x0d, 0x0d, 0x0a]);",
      errors: [
        {
          messageId: 'magicNumber',
          data: { version: '3.11', number: 3495, stage: 'as released' },
          suggestions: [
            {
              messageId: 'useMagicNumber',
              output:
                "import { pythonTarget } from 'pycache-kit';\nconst header = Buffer.from(pythonTarget('3.11').magicNumber);",
            },
          ],
        },
      ],
    },
    {
      code: 'const bytes: number[] = [0x6f, 0x0d, 0x0d, 0x0a];',
      errors: [
        {
          messageId: 'magicNumber',
          data: { version: '3.10', number: 3439, stage: 'as released' },
          suggestions: [
            {
              messageId: 'useMagicNumber',
              output: `${IMPORT}const bytes: number[] = Array.from(pythonTarget('3.10').magicNumber);`,
            },
          ],
        },
      ],
    },
    {
      // 3.5.0 and 3.5.1 shipped 3350; the suggestion names a release that has it.
      code: 'const m = new Uint8Array([0x16, 0x0d, 0x0d, 0x0a]);',
      errors: [
        {
          messageId: 'magicNumber',
          data: { version: '3.5', number: 3350, stage: 'as released' },
          suggestions: [
            { messageId: 'useMagicNumber', output: `${IMPORT}const m = pythonTarget('3.5.1').magicNumber;` },
          ],
        },
      ],
    },
    {
      // 3.15's number is its release candidate's (reported as such), and the one pythonTarget('3.15') writes.
      code: 'const m = new Uint8Array([0x52, 0x0e, 0x0d, 0x0a]);',
      errors: [
        {
          messageId: 'magicNumber',
          data: { version: '3.15', number: 3666, stage: 'prerelease 3.15rc1' },
          suggestions: [
            { messageId: 'useMagicNumber', output: `${IMPORT}const m = pythonTarget('3.15').magicNumber;` },
          ],
        },
      ],
    },
    {
      // A prerelease number: reported, but no release's target has it.
      code: 'const m = new Uint8Array([0xbc, 0x0d, 0x0d, 0x0a]);',
      errors: [
        {
          messageId: 'magicNumber',
          data: { version: '3.12', number: 3516, stage: 'prerelease 3.12a5' },
          suggestions: [],
        },
      ],
    },
    {
      // Hex strings, escaped strings, and the header as a 32-bit integer.
      code: "const a = 'cb0d0d0a'; const b = '\\xcb\\x0d\\r\\n'; const c = 0x0A0D0DCB; const d = '0xCB0D0D0A';",
      errors: [
        { messageId: 'magicNumber', column: 11, suggestions: [] },
        { messageId: 'magicNumber', column: 33, suggestions: [] },
        { messageId: 'magicNumber', column: 59, suggestions: [] },
        { messageId: 'magicNumber', column: 81, suggestions: [] },
      ],
    },
    {
      // Python's repr of the four bytes (as printed by `importlib.util.MAGIC_NUMBER`), spaced hex, a template literal.
      code:
        String.raw`const a = '\\xcb\\r\\r\\n'; const b = "b'\\xa7\\r\\r\\n'"; const c = 'o\\r\\r\\n'; const d = '0xcb 0x0d 0x0d 0x0a'; const e = ` +
        '`\\xf3\\r\\r\\n`;',
      errors: [
        { messageId: 'magicNumber', data: { version: '3.12', number: 3531, stage: 'as released' }, suggestions: [] },
        { messageId: 'magicNumber', data: { version: '3.11', number: 3495, stage: 'as released' }, suggestions: [] },
        { messageId: 'magicNumber', data: { version: '3.10', number: 3439, stage: 'as released' }, suggestions: [] },
        { messageId: 'magicNumber', data: { version: '3.12', number: 3531, stage: 'as released' }, suggestions: [] },
        { messageId: 'magicNumber', data: { version: '3.13', number: 3571, stage: 'as released' }, suggestions: [] },
      ],
    },
    {
      // JSX attribute: reported; no rewrite.
      code: 'const el = <Badge tag="cpython-312" />;',
      errors: [{ messageId: 'cacheTag', suggestions: [] }],
    },
  ],
});

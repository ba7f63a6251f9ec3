import rule from '../../rules/no-hardcoded-bytecode-path.js';
import { runRule } from './rule-tester.js';

const IMPORT = "import { cacheFromSource } from 'pycache-kit';\n";

runRule('no-hardcoded-bytecode-path', rule, {
  valid: [
    // Source paths, folders, suffixes and globs are not a bytecode file.
    "const src = 'src/mod.py';",
    "const dir = '__pycache__';",
    "const dir = 'src/__pycache__/';",
    "if (ext === '.pyc' || ext === '.pyo') {}",
    "const ignore = ['**/*.pyc', '__pycache__/', '*.py[cod]', '**/__pycache__/**'];",
    "const negated = '!keep/__pycache__/mod.cpython-312.pyc';",
    "const tagSuffix = name.endsWith('.cpython-312.pyc');",
    // Regular expressions, in either form, describe many files.
    'const re = /__pycache__\\/mod\\.cpython-312\\.pyc$/;',
    "const re = new RegExp('__pycache__/[^/]+\\\\.cpython-312\\\\.pyc');",
    "const re = RegExp('mod\\\\.pyc');",
    // Prose: messages and doc strings that mention a path.
    "throw new Error('Python wrote __pycache__/mod.cpython-312.pyc next to the source');",
    'const help = `Delete src/__pycache__/mod.cpython-312.pyc\nand retry`;',
    // Comments are not code.
    '// see __pycache__/mod.cpython-312.pyc\nconst a = 1;',
    '/* legacy: mod.pyc */ const b = 2;',
    // Type-level strings, import sources and keys are not values.
    "type P = '__pycache__/mod.cpython-312.pyc';",
    "const o = { 'mod.pyc': 1 };",
    "import x from './__pycache__/mod.cpython-312.pyc';",
    // The path is computed by the core already.
    "import { cacheFromSource } from 'pycache-kit';\nconst p = cacheFromSource('/app/mod.py');",
    // Input to the core is not a hard-coded output path.
    "import { sourceFromCache } from 'pycache-kit';\nconst src = sourceFromCache('/app/__pycache__/mod.cpython-312.pyc');",
    // A dynamic file name cannot be judged.
    'const p = `${dir}/__pycache__/${name}.pyc`;',
    "const p = path.join(dir, '__pycache__', file);",
    // `allow` exempts what the project wants written out.
    { code: "const p = 'vendor/__pycache__/mod.cpython-312.pyc';", options: [{ allow: ['^vendor/'] }] },
    { code: 'const p = `${root}/vendor/mod.pyc`;', options: [{ allow: ['^\\*/vendor/'] }] },
    // Invalid __pycache__ names are valid-bytecode-path's to report.
    "const p = '__pycache__/mod.pyc';",
  ],
  invalid: [
    {
      code: "const p = '/app/__pycache__/mod.cpython-312.pyc';",
      errors: [
        {
          messageId: 'hardcoded',
          data: { path: '/app/__pycache__/mod.cpython-312.pyc', interpreter: 'CPython 3.12' },
          suggestions: [
            {
              messageId: 'useCacheFromSource',
              data: { source: "'/app/mod.py'" },
              output: `${IMPORT}const p = cacheFromSource('/app/mod.py');`,
            },
          ],
        },
      ],
    },
    {
      // Optimized files keep their level; double quotes are kept; the import joins the existing one.
      code: 'import { pythonTarget } from \'pycache-kit\';\nconst p = "lib/__pycache__/util.cpython-311.opt-2.pyc";',
      errors: [
        {
          messageId: 'hardcoded',
          data: { path: 'lib/__pycache__/util.cpython-311.opt-2.pyc', interpreter: 'CPython 3.11 run with -OO' },
          suggestions: [
            {
              messageId: 'useCacheFromSource',
              output:
                'import { pythonTarget, cacheFromSource } from \'pycache-kit\';\nconst p = cacheFromSource("lib/util.py", { optimization: 2 });',
            },
          ],
        },
      ],
    },
    {
      // An existing import (renamed) is used as is.
      code: "import { cacheFromSource as cfs } from 'pycache-kit';\nconst p = '__pycache__/m.pypy310.pyc';",
      errors: [
        {
          messageId: 'hardcoded',
          data: { path: '__pycache__/m.pypy310.pyc', interpreter: 'PyPy 3.10' },
          suggestions: [
            {
              messageId: 'useCacheFromSource',
              output: "import { cacheFromSource as cfs } from 'pycache-kit';\nconst p = cfs('m.py');",
            },
          ],
        },
      ],
    },
    {
      // Namespace import.
      code: "import * as pk from 'pycache-kit';\nconst p = 'a/__pycache__/m.cpython-313.pyc';",
      errors: [
        {
          messageId: 'hardcoded',
          suggestions: [
            {
              messageId: 'useCacheFromSource',
              output: "import * as pk from 'pycache-kit';\nconst p = pk.cacheFromSource('a/m.py');",
            },
          ],
        },
      ],
    },
    {
      // Template literal with `${}` parts: the run-time parts stay.
      code: 'const p = `${root}/pkg/__pycache__/mod.cpython-312.pyc`;',
      errors: [
        {
          messageId: 'hardcoded',
          data: { path: '${…}/pkg/__pycache__/mod.cpython-312.pyc', interpreter: 'CPython 3.12' },
          suggestions: [
            { messageId: 'useCacheFromSource', output: `${IMPORT}const p = cacheFromSource(\`\${root}/pkg/mod.py\`);` },
          ],
        },
      ],
    },
    {
      // A concatenation that evaluates statically, through a constant.
      code: "const TAG = 'cpython-312';\nconst p = 'src/__pycache__/mod.' + TAG + '.pyc';",
      errors: [
        {
          messageId: 'hardcoded',
          suggestions: [
            {
              messageId: 'useCacheFromSource',
              output: `${IMPORT}const TAG = 'cpython-312';\nconst p = cacheFromSource('src/mod.py');`,
            },
          ],
        },
      ],
    },
    {
      // Concatenation with a run-time part becomes a template literal.
      code: "const p = base + '/__pycache__/mod.cpython-310.pyc';",
      errors: [
        {
          messageId: 'hardcoded',
          suggestions: [
            { messageId: 'useCacheFromSource', output: `${IMPORT}const p = cacheFromSource(\`\${base}/mod.py\`);` },
          ],
        },
      ],
    },
    {
      // path.join segments.
      code: "import path from 'node:path';\nconst p = path.join(root, '__pycache__', 'mod.cpython-312.pyc');",
      errors: [
        {
          messageId: 'hardcoded',
          data: { path: '${…}/__pycache__/mod.cpython-312.pyc', interpreter: 'CPython 3.12' },
          suggestions: [
            {
              messageId: 'useCacheFromSource',
              output:
                "import path from 'node:path';\nimport { cacheFromSource } from 'pycache-kit';\nconst p = cacheFromSource(path.join(root, 'mod.py'));",
            },
          ],
        },
      ],
    },
    {
      // A bare `resolve` imported from node:path, with the tail in one argument.
      code: "import { resolve } from 'node:path';\nconst p = resolve(__dirname, 'pkg/__pycache__/mod.cpython-39.pyc');",
      errors: [
        {
          messageId: 'hardcoded',
          suggestions: [
            {
              messageId: 'useCacheFromSource',
              output:
                "import { resolve } from 'node:path';\nimport { cacheFromSource } from 'pycache-kit';\nconst p = cacheFromSource(resolve(__dirname, 'pkg/mod.py'));",
            },
          ],
        },
      ],
    },
    {
      // The path functions destructured from require(), and the module under another name.
      code: "const { join } = require('node:path');\nconst p = join(root, '__pycache__', 'mod.cpython-312.pyc');",
      errors: [
        {
          messageId: 'hardcoded',
          data: { path: '${…}/__pycache__/mod.cpython-312.pyc', interpreter: 'CPython 3.12' },
          suggestions: [
            {
              messageId: 'useCacheFromSource',
              output:
                "const { join } = require('node:path');\nconst { cacheFromSource } = require('pycache-kit');\nconst p = cacheFromSource(join(root, 'mod.py'));",
            },
          ],
        },
      ],
    },
    {
      code: "import p from 'path';\nconst f = p.win32.join === undefined ? '' : p.join(root, '__pycache__', 'mod.cpython-311.pyc');",
      errors: [
        {
          messageId: 'hardcoded',
          data: { path: '${…}/__pycache__/mod.cpython-311.pyc', interpreter: 'CPython 3.11' },
          suggestions: [
            {
              messageId: 'useCacheFromSource',
              output:
                "import p from 'path';\nimport { cacheFromSource } from 'pycache-kit';\nconst f = p.win32.join === undefined ? '' : cacheFromSource(p.join(root, 'mod.py'));",
            },
          ],
        },
      ],
    },
    {
      // path.join with the cache folder only known at run time: reported, nothing to derive the source from.
      code: "const p = path.join(cacheDir, 'mod.cpython-312.pyc');",
      errors: [
        {
          messageId: 'hardcoded',
          data: { path: '${…}/mod.cpython-312.pyc', interpreter: 'CPython 3.12' },
          suggestions: [],
        },
      ],
    },
    {
      // new URL(...) segments.
      code: "const u = new URL('./__pycache__/app.cpython-312.pyc', import.meta.url);",
      errors: [
        {
          messageId: 'hardcoded',
          suggestions: [
            {
              messageId: 'useCacheFromSource',
              output: `${IMPORT}const u = new URL(cacheFromSource('./app.py'), import.meta.url);`,
            },
          ],
        },
      ],
    },
    {
      // Windows-style paths: the source is derived with Windows rules and the backslashes stay escaped.
      code: "const p = 'C:\\\\proj\\\\__pycache__\\\\mod.cpython-312.pyc';",
      errors: [
        {
          messageId: 'hardcoded',
          data: { path: 'C:\\proj\\__pycache__\\mod.cpython-312.pyc', interpreter: 'CPython 3.12' },
          suggestions: [
            { messageId: 'useCacheFromSource', output: `${IMPORT}const p = cacheFromSource('C:\\\\proj\\\\mod.py');` },
          ],
        },
      ],
    },
    {
      code: 'const p = String.raw`C:\\Program Files\\app\\__pycache__\\mod.cpython-312.pyc`;',
      errors: [
        {
          messageId: 'hardcoded',
          suggestions: [
            {
              messageId: 'useCacheFromSource',
              output: `${IMPORT}const p = cacheFromSource('C:\\\\Program Files\\\\app\\\\mod.py');`,
            },
          ],
        },
      ],
    },
    {
      // Legacy bytecode beside the source.
      code: "fs.unlinkSync('build/mod.pyc');",
      errors: [
        {
          messageId: 'hardcoded',
          data: {
            path: 'build/mod.pyc',
            interpreter: 'Python 3.1 or older (3.2+ write to __pycache__; only `compileall -b` still writes mod.pyc)',
          },
          suggestions: [
            { messageId: 'useCacheFromSource', output: `${IMPORT}fs.unlinkSync(cacheFromSource('build/mod.py'));` },
          ],
        },
      ],
    },
    {
      code: "const p = 'mod.pyo';",
      errors: [
        {
          messageId: 'hardcoded',
          data: { path: 'mod.pyo', interpreter: 'Python 3.4 or older run with -O (3.5 dropped .pyo)' },
          suggestions: [{ messageId: 'useCacheFromSource', output: `${IMPORT}const p = cacheFromSource('mod.py');` }],
        },
      ],
    },
    {
      // TypeScript: annotations and `as const` do not hide the value.
      code: "const p: string = ('/srv/__pycache__/app.cpython-312.pyc' as const);",
      errors: [
        {
          messageId: 'hardcoded',
          suggestions: [
            { messageId: 'useCacheFromSource', output: `${IMPORT}const p: string = (cacheFromSource('/srv/app.py'));` },
          ],
        },
      ],
    },
    {
      // CommonJS scripts get a require().
      code: "'use strict';\nconst p = '/app/__pycache__/mod.cpython-312.pyc';",
      languageOptions: { parserOptions: { sourceType: 'script' } },
      errors: [
        {
          messageId: 'hardcoded',
          suggestions: [
            {
              messageId: 'useCacheFromSource',
              output:
                "'use strict';\nconst { cacheFromSource } = require('pycache-kit');\nconst p = cacheFromSource('/app/mod.py');",
            },
          ],
        },
      ],
    },
    {
      // A source name with dots (3.5+ write this); source_from_cache cannot map it back, the rewrite still can.
      code: "const p = '/a/__pycache__/b.c.cpython-312.pyc';",
      errors: [
        {
          messageId: 'hardcoded',
          data: { path: '/a/__pycache__/b.c.cpython-312.pyc', interpreter: 'CPython 3.12' },
          suggestions: [
            { messageId: 'useCacheFromSource', output: `${IMPORT}const p = cacheFromSource('/a/b.c.py');` },
          ],
        },
      ],
    },
    {
      // An existing require() is used; a type-only import is not a value import.
      code: "const { cacheFromSource: cfs } = require('pycache-kit');\nconst p = '/app/__pycache__/mod.cpython-312.pyc';",
      languageOptions: { parserOptions: { sourceType: 'script' } },
      errors: [
        {
          messageId: 'hardcoded',
          suggestions: [
            {
              messageId: 'useCacheFromSource',
              output: "const { cacheFromSource: cfs } = require('pycache-kit');\nconst p = cfs('/app/mod.py');",
            },
          ],
        },
      ],
    },
    {
      code: "import type { PythonTarget } from 'pycache-kit';\nconst p = '/app/__pycache__/mod.cpython-312.pyc';",
      errors: [
        {
          messageId: 'hardcoded',
          suggestions: [
            {
              messageId: 'useCacheFromSource',
              output:
                "import type { PythonTarget } from 'pycache-kit';\nimport { cacheFromSource } from 'pycache-kit';\nconst p = cacheFromSource('/app/mod.py');",
            },
          ],
        },
      ],
    },
    {
      // JSX attribute: the call goes in braces.
      code: 'const a = <a href="/static/__pycache__/mod.cpython-312.pyc">bytecode</a>;',
      filename: 'file.tsx',
      errors: [
        {
          messageId: 'hardcoded',
          suggestions: [
            {
              messageId: 'useCacheFromSource',
              output: `${IMPORT}const a = <a href={cacheFromSource("/static/mod.py")}>bytecode</a>;`,
            },
          ],
        },
      ],
    },
    {
      // One report per string, at the outermost expression.
      code: "const p = '/a/__pycache__/' + 'b.cpython-312' + '.pyc';",
      errors: [
        {
          messageId: 'hardcoded',
          line: 1,
          column: 11,
          suggestions: [{ messageId: 'useCacheFromSource', output: `${IMPORT}const p = cacheFromSource('/a/b.py');` }],
        },
      ],
    },
  ],
});

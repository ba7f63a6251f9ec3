// no-hardcoded-bytecode-path on bytecode paths that code builds from parts, and on sourceFromCache() written as
// string surgery: each form real projects write is reported with what it assumes; each look-alike is not.
import rule from '../../rules/no-hardcoded-bytecode-path.js';
import cacheTagRule from '../../rules/no-hardcoded-cache-tag.js';
import { runRule } from './rule-tester.js';

const CFS = "import { cacheFromSource } from 'pycache-kit';\n";
const SFC = "import { sourceFromCache } from 'pycache-kit';\n";
const CPYTHON_BUILT = (version: string): string =>
  `CPython only, with the version from the code ('cpython-${version}')`;
const PYCACHE = 'the __pycache__ layout of PEP 3147';
const PREFIX = 'the sys.pycache_prefix layout (the source path minus .py, plus .<tag>.pyc)';

runRule('no-hardcoded-bytecode-path', rule, {
  valid: [
    // Globs and ignore lists name many files.
    "const ignore = ['**/__pycache__/**', '*.pyc', '*.py[co]'];",
    'const glob = `${root}/**/__pycache__/*.cpython-${v}.pyc`;',
    "const glob2 = root + '/*.cpython-' + v + '.pyc';",
    // Regexes that only test or match.
    'const isPyc = /\\.cpython-\\d+(\\.opt-\\d)?\\.pyc$/.test(file);',
    'const m = file.match(/__pycache__\\/(.+)\\.cpython-(\\d+)\\.pyc$/);',
    'const re = new RegExp(`${dir}/__pycache__/${name}\\\\.cpython-\\\\d+\\\\.pyc$`);',
    'const rule = { test: /\\.pyc$/, exclude: /__pycache__/ };',
    // Folder-name and extension checks.
    "if (name === '__pycache__' || ext === '.pyc') skip();",
    "const keep = files.filter((f) => !f.includes('/__pycache__/') && path.extname(f) !== '.pyc');",
    // Prose: messages and logs.
    'throw new Error(`No ${dir}/__pycache__/${name}.cpython-${v}.pyc found`);',
    "console.log('compiled ' + name + '.cpython-' + v + '.pyc');",
    // Python source embedded as strings.
    'const py = `import importlib.util\\nprint(importlib.util.cache_from_source(${JSON.stringify(file)}))`;',
    'const py2 = `p = f"{d}/__pycache__/{n}.cpython-312.pyc"`;',
    "const py3 = \"os.path.join(d,'__pycache__',n+'.cpython-%d%d.pyc'%v)\";",
    // No tag to read: `${name}` may hold one (valid-bytecode-path judges names it can read).
    'const p = `${dir}/__pycache__/${name}.pyc`;',
    "const q = path.join(dir, '__pycache__', file);",
    // A run-time part before `.pyc` outside __pycache__ is not known to be a cache tag.
    'const r = `${dir}/${name}.${hash}.pyc`;',
    // Not bytecode at all.
    'const js = `${dir}/${name}.${hash}.js`;',
    'const ext = `${name}.cpython-${v}-x86_64-linux-gnu.so`;',
    // Legacy `.pyc` beside the source, and a relabelled folder, are no sourceFromCache.
    "const legacy = p.replace(/\\.pyc$/, '.py');",
    "const label = p.replace('__pycache__', '(bytecode cache)');",
    // The core does it.
    "import { cacheFromSource } from 'pycache-kit';\nconst ok = cacheFromSource(`${dir}/${name}.py`, { target: `cpython-${major}${minor}` });",
    "import { sourceFromCache } from 'pycache-kit';\nconst ok2 = sourceFromCache(`${dir}/__pycache__/${name}.cpython-312.pyc`);",
    // `allow` covers built paths too, with run-time parts read as `*`.
    { code: 'const v1 = `vendor/__pycache__/${name}.cpython-312.pyc`;', options: [{ allow: ['^vendor/'] }] },
  ],
  invalid: [
    {
      // The first form: folder and stem sliced from the source path, tag spelled from major and minor.
      code: "function pyc(p, major, minor) {\n  const dir = p.slice(0, p.lastIndexOf('/') + 1), base = p.slice(p.lastIndexOf('/') + 1, -3);\n  return `${dir}__pycache__/${base}.cpython-${major}${minor}.pyc`;\n}",
      errors: [
        {
          messageId: 'handBuilt',
          line: 3,
          data: {
            path: '${dir}__pycache__/${base}.cpython-${major}${minor}.pyc',
            interpreter: CPYTHON_BUILT('${major}${minor}'),
            layout: PYCACHE,
            misses: 'no PyPy or GraalPy tag, no .opt-1/.opt-2 for -O/-OO and no sys.pycache_prefix',
          },
          suggestions: [
            {
              messageId: 'useCacheFromSource',
              data: { source: '`${dir}${base}.py`, { target: `cpython-${major}${minor}` }' },
              output: `${CFS}function pyc(p, major, minor) {\n  const dir = p.slice(0, p.lastIndexOf('/') + 1), base = p.slice(p.lastIndexOf('/') + 1, -3);\n  return cacheFromSource(\`\${dir}\${base}.py\`, { target: \`cpython-\${major}\${minor}\` });\n}`,
            },
          ],
        },
      ],
    },
    {
      // A pycache_prefix mirror: the prefix is inside the run-time part, so no rewrite is offered.
      code: 'const p = `${src.slice(0, -3)}.cpython-${major}${minor}.pyc`;',
      errors: [
        {
          messageId: 'handBuilt',
          data: {
            path: '${src.slice(0, -3)}.cpython-${major}${minor}.pyc',
            interpreter: CPYTHON_BUILT('${major}${minor}'),
            layout: PREFIX,
            misses:
              'no PyPy or GraalPy tag, no .opt-1/.opt-2 for -O/-OO and no __pycache__ folder when no prefix is set',
          },
          suggestions: [],
        },
      ],
    },
    {
      // A `+` chain with the tag written out: one report, as a path (no-hardcoded-cache-tag leaves it alone).
      code: "const p = dir + '/__pycache__/' + name + '.cpython-312.pyc';",
      errors: [
        {
          messageId: 'handBuilt',
          data: {
            path: '${dir}/__pycache__/${name}.cpython-312.pyc',
            interpreter: 'CPython 3.12',
            layout: PYCACHE,
            misses: 'no other Python version, no .opt-1/.opt-2 for -O/-OO and no sys.pycache_prefix',
          },
          suggestions: [
            {
              messageId: 'useCacheFromSource',
              output: `${CFS}const p = cacheFromSource(\`\${dir}/\${name}.py\`, { target: 'cpython-312' });`,
            },
          ],
        },
      ],
    },
    {
      // The whole tag at run time, in __pycache__.
      code: 'const p = `${dir}/__pycache__/${name}.${tag}.pyc`;',
      errors: [
        {
          messageId: 'handBuilt',
          data: {
            path: '${dir}/__pycache__/${name}.${tag}.pyc',
            interpreter: 'the cache tag in ${tag}',
            layout: PYCACHE,
            misses: 'no .opt-1/.opt-2 for -O/-OO and no sys.pycache_prefix',
          },
          suggestions: [
            {
              messageId: 'useCacheFromSource',
              output: `${CFS}const p = cacheFromSource(\`\${dir}/\${name}.py\`, { target: tag });`,
            },
          ],
        },
      ],
    },
    {
      // path.join keeps its shape in the rewrite.
      code: "import path from 'node:path';\nconst p = path.join(dir, '__pycache__', `${name}.cpython-${v}.pyc`);",
      errors: [
        {
          messageId: 'handBuilt',
          data: {
            path: '${dir}/__pycache__/${name}.cpython-${v}.pyc',
            interpreter: CPYTHON_BUILT('${v}'),
            layout: PYCACHE,
            misses: 'no PyPy or GraalPy tag, no .opt-1/.opt-2 for -O/-OO and no sys.pycache_prefix',
          },
          suggestions: [
            {
              messageId: 'useCacheFromSource',
              output:
                "import path from 'node:path';\nimport { cacheFromSource } from 'pycache-kit';\nconst p = cacheFromSource(path.join(dir, `${name}.py`), { target: `cpython-${v}` });",
            },
          ],
        },
      ],
    },
    {
      // Followed through local consts in the same function: reported once, where the path is built.
      code: "import { join } from 'node:path';\nfunction pyc(dir, name, major, minor) {\n  const tag = 'cpython-' + major + minor;\n  const file = `${name}.${tag}.pyc`;\n  return join(dir, '__pycache__', file);\n}",
      errors: [
        {
          messageId: 'handBuilt',
          line: 5,
          data: {
            path: '${dir}/__pycache__/${name}.cpython-${major}${minor}.pyc',
            interpreter: CPYTHON_BUILT('${major}${minor}'),
            layout: PYCACHE,
            misses: 'no PyPy or GraalPy tag, no .opt-1/.opt-2 for -O/-OO and no sys.pycache_prefix',
          },
          suggestions: [
            {
              messageId: 'useCacheFromSource',
              output:
                "import { join } from 'node:path';\nimport { cacheFromSource } from 'pycache-kit';\nfunction pyc(dir, name, major, minor) {\n  const tag = 'cpython-' + major + minor;\n  const file = `${name}.${tag}.pyc`;\n  return cacheFromSource(join(dir, `${name}.py`), { target: `cpython-${major}${minor}` });\n}",
            },
          ],
        },
      ],
    },
    {
      // A written-out file name reached through a const is a written-out path: the join reports it, once.
      code: "const file = 'mod.cpython-312.pyc';\nconst p = path.posix.join(root, '__pycache__', file);",
      errors: [
        {
          messageId: 'hardcoded',
          line: 2,
          data: { path: '${…}/__pycache__/mod.cpython-312.pyc', interpreter: 'CPython 3.12' },
          suggestions: [],
        },
      ],
    },
    {
      // An array joined with '/', with an optimization level.
      code: "const p = [dir, '__pycache__', name + '.cpython-' + v + '.opt-2.pyc'].join('/');",
      errors: [
        {
          messageId: 'handBuilt',
          data: {
            path: '${dir}/__pycache__/${name}.cpython-${v}.opt-2.pyc',
            interpreter: CPYTHON_BUILT('${v}'),
            layout: PYCACHE,
            misses: 'no PyPy or GraalPy tag and no sys.pycache_prefix',
          },
          suggestions: [
            {
              messageId: 'useCacheFromSource',
              output: `${CFS}const p = cacheFromSource([dir, \`\${name}.py\`].join('/'), { target: \`cpython-\${v}\`, optimization: 2 });`,
            },
          ],
        },
      ],
    },
    {
      // String.prototype.concat, a PyPy tag.
      code: "const p = dir.concat('/__pycache__/', name, '.pypy310.pyc');",
      errors: [
        {
          messageId: 'handBuilt',
          data: {
            path: '${dir}/__pycache__/${name}.pypy310.pyc',
            interpreter: 'PyPy 3.10',
            layout: PYCACHE,
            misses: 'no other Python version, no .opt-1/.opt-2 for -O/-OO and no sys.pycache_prefix',
          },
          suggestions: [
            {
              messageId: 'useCacheFromSource',
              output: `${CFS}const p = cacheFromSource(\`\${dir}/\${name}.py\`, { target: 'pypy310' });`,
            },
          ],
        },
      ],
    },
    {
      // path.format({ dir, base }), the opt level at run time.
      code: "import path from 'node:path';\nconst p = path.format({ dir: path.join(d, '__pycache__'), base: `${n}.cpython-313.opt-${level}.pyc` });",
      errors: [
        {
          messageId: 'handBuilt',
          data: {
            path: '${d}/__pycache__/${n}.cpython-313.opt-${level}.pyc',
            interpreter: 'CPython 3.13',
            layout: PYCACHE,
            misses: 'no other Python version and no sys.pycache_prefix',
          },
          suggestions: [
            {
              messageId: 'useCacheFromSource',
              output:
                "import path from 'node:path';\nimport { cacheFromSource } from 'pycache-kit';\nconst p = cacheFromSource(`${d}/${n}.py`, { target: 'cpython-313', optimization: level });",
            },
          ],
        },
      ],
    },
    {
      // path.resolve, GraalPy's tag spelled from parts.
      code: "const { resolve } = require('path');\nconst p = resolve(root, '__pycache__', `${mod}.graalpy${g}-${v}.pyc`);",
      errors: [
        {
          messageId: 'handBuilt',
          data: {
            path: '${root}/__pycache__/${mod}.graalpy${g}-${v}.pyc',
            interpreter: "GraalPy only, with the version from the code ('graalpy${g}-${v}')",
            layout: PYCACHE,
            misses: "no other implementation's tag, no .opt-1/.opt-2 for -O/-OO and no sys.pycache_prefix",
          },
          suggestions: [
            {
              messageId: 'useCacheFromSource',
              output:
                "const { resolve } = require('path');\nconst { cacheFromSource } = require('pycache-kit');\nconst p = cacheFromSource(resolve(root, `${mod}.py`), { target: `graalpy${g}-${v}` });",
            },
          ],
        },
      ],
    },
    {
      // A const's parts that mean something else where the path is built: reported, no rewrite.
      code: "function f(name) {\n  const file = `${name}.cpython-312.pyc`;\n  return (name) => path.join(dir, '__pycache__', file);\n}",
      errors: [{ messageId: 'handBuilt', line: 3, suggestions: [] }],
    },
    {
      // The reverse: both halves of sourceFromCache, chained; the target comes from settings when set.
      code: "const src = p.replace('/__pycache__/', '/').replace(/\\.cpython-\\d+(\\.opt-\\d)?\\.pyc$/, '.py');",
      errors: [
        {
          messageId: 'handBuiltSource',
          data: { assumes: "the file sits in __pycache__ (no sys.pycache_prefix) and the cache tag is CPython's" },
          suggestions: [
            { messageId: 'useSourceFromCache', data: { source: 'p' }, output: `${SFC}const src = sourceFromCache(p);` },
          ],
        },
      ],
    },
    {
      // One regex for both halves, with a capture group.
      code: "const src = p.replace(/__pycache__\\/([^/]+)\\.cpython-3\\d+\\.pyc$/, '$1.py');",
      errors: [
        {
          messageId: 'handBuiltSource',
          data: {
            assumes:
              "the file sits in __pycache__ (no sys.pycache_prefix), the cache tag is CPython's and no .opt-N level",
          },
          suggestions: [{ messageId: 'useSourceFromCache', output: `${SFC}const src = sourceFromCache(p);` }],
        },
      ],
    },
    {
      // Half the surgery: reported, but sourceFromCache would do more than this code, so no rewrite.
      code: "const noFolder = p.split('/__pycache__/').join('/');",
      errors: [
        {
          messageId: 'handBuiltSource',
          data: { assumes: 'the file sits in __pycache__ (no sys.pycache_prefix)' },
          suggestions: [],
        },
      ],
    },
    {
      code: "const mod = file.replaceAll(new RegExp('\\\\.(cpython|pypy)\\\\d+\\\\.pyc$', 'g'), '');",
      errors: [
        {
          messageId: 'handBuiltSource',
          data: { assumes: "the cache tag is CPython or PyPy's and no .opt-N level" },
          suggestions: [],
        },
      ],
    },
  ],
});

runRule(
  'no-hardcoded-bytecode-path',
  rule,
  {
    valid: [],
    invalid: [
      {
        code: "const src = p.replace('/__pycache__/', '/').replace(/\\.cpython-\\d+\\.pyc$/, '.py');",
        errors: [
          {
            messageId: 'handBuiltSource',
            suggestions: [
              {
                messageId: 'useSourceFromCache',
                data: { source: "p, { target: '3.12' }" },
                output: `${SFC}const src = sourceFromCache(p, { target: '3.12' });`,
              },
            ],
          },
        ],
      },
    ],
  },
  { pycache: { python: '3.12' } },
);

// A cache tag inside a hand-built path is reported once, as the path, by no-hardcoded-bytecode-path.
runRule('no-hardcoded-cache-tag', cacheTagRule, {
  valid: [
    "const p = dir + '/__pycache__/' + name + '.cpython-312.pyc';",
    "const q = path.join(dir, '__pycache__', name + '.cpython-312.pyc');",
  ],
  invalid: [
    // Outside a path, the same tag is this rule's.
    {
      code: "const tag = 'x-' + name + '.cpython-312';",
      errors: [
        {
          messageId: 'cacheTag',
          suggestions: [
            {
              messageId: 'useCacheTag',
              output:
                "import { pythonTarget } from 'pycache-kit';\nconst tag = 'x-' + name + `.${pythonTarget('3.12').cacheTag}`;",
            },
          ],
        },
      ],
    },
  ],
});

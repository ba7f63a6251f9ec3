import rule from '../../rules/no-deprecated-debug-override.js';
import { runRule } from './rule-tester.js';

const IMPORT = "import { cacheFromSource } from 'pycache-kit';\n";

// CPython 3.5-3.14: optimization = '' if debug_override else 1 (Python truthiness), after a DeprecationWarning.
runRule('no-deprecated-debug-override', rule, {
  valid: [
    `${IMPORT}cacheFromSource('a.py');`,
    `${IMPORT}cacheFromSource('a.py', { optimization: '' });`,
    // Someone else's function with the same option name.
    "function cacheFromSource(p, o) {}\ncacheFromSource('a.py', { debugOverride: true });",
    "import { cacheFromSource } from './local.js';\ncacheFromSource('a.py', { debugOverride: true });",
  ],
  invalid: [
    {
      code: `${IMPORT}cacheFromSource('a.py', { debugOverride: true });`,
      output: `${IMPORT}cacheFromSource('a.py', { optimization: '' });`,
      errors: [{ messageId: 'deprecated', line: 2, column: 27 }],
    },
    {
      code: `${IMPORT}cacheFromSource('a.py', { debugOverride: false });`,
      output: `${IMPORT}cacheFromSource('a.py', { optimization: 1 });`,
      errors: [{ messageId: 'deprecated' }],
    },
    {
      // Python truthiness: 0, '' and [] are false; 'x' and 1 are true.
      code: `${IMPORT}cacheFromSource(a, { debugOverride: 0 }); cacheFromSource(b, { debugOverride: '' }); cacheFromSource(c, { debugOverride: 'x' }); cacheFromSource(d, { debugOverride: [] });`,
      output: `${IMPORT}cacheFromSource(a, { optimization: 1 }); cacheFromSource(b, { optimization: 1 }); cacheFromSource(c, { optimization: '' }); cacheFromSource(d, { optimization: 1 });`,
      errors: [
        { messageId: 'deprecated' },
        { messageId: 'deprecated' },
        { messageId: 'deprecated' },
        { messageId: 'deprecated' },
      ],
    },
    {
      // A constant resolves statically; TypeScript syntax around it is fine.
      code: `${IMPORT}const DEBUG: boolean = true;\nconst p: string = cacheFromSource('a.py', { debugOverride: DEBUG } as const);`,
      output: `${IMPORT}const DEBUG: boolean = true;\nconst p: string = cacheFromSource('a.py', { optimization: '' } as const);`,
      errors: [{ messageId: 'deprecated' }],
    },
    {
      // debug_override=None is the default: the property goes.
      code: `${IMPORT}cacheFromSource('a.py', { debugOverride: null, target });`,
      output: `${IMPORT}cacheFromSource('a.py', { target });`,
      errors: [{ messageId: 'deprecated' }],
    },
    {
      code: `${IMPORT}cacheFromSource('a.py', { target, debugOverride: undefined });`,
      output: `${IMPORT}cacheFromSource('a.py', { target });`,
      errors: [{ messageId: 'deprecated' }],
    },
    {
      // Unknown at lint time: a suggestion keeps the run-time choice.
      code: `${IMPORT}cacheFromSource('a.py', { debugOverride: isDebug });`,
      output: null,
      errors: [
        {
          messageId: 'deprecated',
          suggestions: [
            {
              messageId: 'useOptimization',
              data: { code: "optimization: (isDebug) ? '' : 1" },
              output: `${IMPORT}cacheFromSource('a.py', { optimization: (isDebug) ? '' : 1 });`,
            },
          ],
        },
      ],
    },
    {
      code: `${IMPORT}cacheFromSource('a.py', { debugOverride });`,
      output: null,
      errors: [
        {
          messageId: 'deprecated',
          suggestions: [
            {
              messageId: 'useOptimization',
              output: `${IMPORT}cacheFromSource('a.py', { optimization: (debugOverride) ? '' : 1 });`,
            },
          ],
        },
      ],
    },
    {
      // With optimization too, CPython raises TypeError: no rewrite can keep the meaning.
      code: `${IMPORT}cacheFromSource('a.py', { debugOverride: true, optimization: 2 });`,
      output: null,
      errors: [{ messageId: 'deprecated', suggestions: [] }],
    },
    {
      // require() in CommonJS, namespace objects.
      code: "const pk = require('pycache-kit');\npk.cacheFromSource('a.py', { debugOverride: true });",
      output: "const pk = require('pycache-kit');\npk.cacheFromSource('a.py', { optimization: '' });",
      languageOptions: { parserOptions: { sourceType: 'script' } },
      errors: [{ messageId: 'deprecated' }],
    },
  ],
});

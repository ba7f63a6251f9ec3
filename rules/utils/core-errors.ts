import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { cacheFromSource, pythonTarget, setWarningHandler, sourceFromCache } from '../../src/index.js';
import type { CacheFromSourceOptions, PythonTarget } from '../../src/index.js';
import { coreFunctionOf, propertyValue } from './core-calls.js';
import { staticValue, thrownBy } from './static-values.js';

type Source = Readonly<TSESLint.SourceCode>;

/** A core call that throws at run time: where to report, which message, and CPython's error for it. */
export interface CallError {
  node: TSESTree.Node;
  /** The call (`sourceFromCache()`), CPython's `Class: message`, and what to do instead. */
  data: { call: string; error: string; advice: string };
}

/**
 * What a call of the core would throw at run time, found by running the core on the arguments lint time
 * knows: `sourceFromCache` paths, `cacheFromSource` options, `pythonTarget`/`magicNumberFor` versions.
 * `target` is the interpreter the project names in `settings.pycache.python`, if any.
 */
export function coreCallError(
  node: TSESTree.CallExpression,
  sourceCode: Source,
  target: PythonTarget | undefined,
): CallError | undefined {
  const fn = coreFunctionOf(node, sourceCode);
  if (fn === 'sourceFromCache') return sourceFromCacheError(node, sourceCode, target);
  if (fn === 'cacheFromSource') return cacheFromSourceError(node, sourceCode, target);
  if (fn === 'pythonTarget' || fn === 'magicNumberFor') return targetError(node, sourceCode, fn);
  return undefined;
}

function sourceFromCacheError(
  node: TSESTree.CallExpression,
  sourceCode: Source,
  target: PythonTarget | undefined,
): CallError | undefined {
  const path = staticValue(node.arguments[0], sourceCode);
  if (typeof path?.value !== 'string') return undefined;
  const text = path.value;
  // A path with backslashes may be meant for Windows: report only what both platforms reject.
  const platforms = text.includes('\\') ? (['win32', 'posix'] as const) : (['posix'] as const);
  let error: { name: string; message: string } | undefined;
  for (const platform of platforms) {
    error = thrownBy(() => sourceFromCache(text, { target: pythonTarget({ ...targetFields(target), platform }) }));
    if (!error) return undefined;
  }
  return (
    error && {
      node: node.arguments[0],
      data: {
        call: 'sourceFromCache()',
        error: `${error.name}: ${error.message}`,
        advice: 'Pass a path CPython writes: <folder>/__pycache__/<name>.<cache tag>[.opt-N].pyc',
      },
    }
  );
}

function cacheFromSourceError(
  node: TSESTree.CallExpression,
  sourceCode: Source,
  target: PythonTarget | undefined,
): CallError | undefined {
  const options = node.arguments[1];
  const optimization = propertyValue(options, 'optimization');
  const debugOverride = propertyValue(options, 'debugOverride');
  if (!optimization && !debugOverride) return undefined;
  const opt = optimization ? staticValue(optimization.value, sourceCode) : undefined;
  if (optimization && !opt && !debugOverride) return undefined;
  const debug = debugOverride ? staticValue(debugOverride.value, sourceCode) : undefined;
  // A level lint time cannot know is taken as a valid one: only its clash with debugOverride is certain.
  const call: CacheFromSourceOptions = { target: target ?? pythonTarget() };
  if (optimization) call.optimization = (opt ? opt.value : 1) as CacheFromSourceOptions['optimization'];
  if (debugOverride) call.debugOverride = debug ? debug.value : true;
  // The core warns (DeprecationWarning) for debugOverride; a lint run must not print that.
  const previous = setWarningHandler(() => {});
  let error: { name: string; message: string } | undefined;
  try {
    error = thrownBy(() => cacheFromSource('x.py', call));
  } finally {
    setWarningHandler(previous);
  }
  if (!error) return undefined;
  const advice =
    debugOverride && optimization
      ? 'Drop debugOverride (deprecated) and keep optimization'
      : debugOverride
        ? 'Use optimization instead of debugOverride'
        : "Use '' (no optimization), or an alphanumeric level such as 1 or 2";
  const at = debugOverride ?? optimization?.value ?? node;
  return { node: at, data: { call: 'cacheFromSource()', error: `${error.name}: ${error.message}`, advice } };
}

function targetError(
  node: TSESTree.CallExpression,
  sourceCode: Source,
  fn: 'pythonTarget' | 'magicNumberFor',
): CallError | undefined {
  const arg = node.arguments[0];
  if (!arg) return undefined;
  const whole = staticValue(arg, sourceCode);
  let spec: unknown;
  if (whole && (typeof whole.value === 'string' || (typeof whole.value === 'object' && whole.value !== null))) {
    spec = whole.value;
  } else if (fn === 'pythonTarget' && arg.type === AST_NODE_TYPES.ObjectExpression) {
    // Check the fields lint time knows; the others get values pythonTarget accepts.
    const fields: Record<string, unknown> = {};
    for (const key of ['version', 'cacheTag', 'platform', 'optimize', 'pycachePrefix', 'implementation']) {
      const prop = propertyValue(arg, key);
      const value = prop && staticValue(prop.value, sourceCode);
      if (value) fields[key] = value.value;
    }
    if (Object.keys(fields).length === 0) return undefined;
    spec = fields;
  } else {
    return undefined;
  }
  const error = thrownBy(() => (fn === 'pythonTarget' ? pythonTarget(spec as string) : pythonTarget(String(spec))));
  if (!error) return undefined;
  return {
    node: arg,
    data: {
      call: typeof spec === 'string' ? `${fn}('${spec}')` : `${fn}()`,
      error: `${error.name}: ${error.message}`,
      advice: 'Name a version the core knows, or a cache tag such as cpython-312',
    },
  };
}

/** The fields of the configured target that matter to `sourceFromCache` (version, prefix), without its platform. */
function targetFields(target: PythonTarget | undefined): Partial<PythonTarget> {
  return target ? { version: target.version, cacheTag: target.cacheTag, pycachePrefix: target.pycachePrefix } : {};
}

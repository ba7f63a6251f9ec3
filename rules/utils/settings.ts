import type { TSESLint } from '@typescript-eslint/utils';
import { pythonTarget } from '../../src/index.js';
import type { PythonTarget } from '../../src/index.js';

/** What `settings.pycache` may hold in an ESLint config. */
export interface PycacheSettings {
  /** The Python the project targets: a version (`'3.12'`) or a cache tag (`'cpython-312'`). */
  python?: string;
}

/** The target named by `settings.pycache.python`, `undefined` when unset, or the error `pythonTarget` throws. */
export type ConfiguredTarget =
  | { kind: 'unset' }
  | { kind: 'ok'; target: PythonTarget; spec: string }
  | { kind: 'invalid'; spec: string; message: string };

const cache = new WeakMap<object, ConfiguredTarget>();

/** Reads `settings.pycache.python` once per settings object (ESLint shares it between files). */
export function configuredTarget(
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
): ConfiguredTarget {
  const settings = context.settings as { pycache?: PycacheSettings } | undefined;
  if (!settings) return { kind: 'unset' };
  const cached = cache.get(settings);
  if (cached) return cached;
  const result = readTarget(settings.pycache?.python);
  cache.set(settings, result);
  return result;
}

function readTarget(spec: unknown): ConfiguredTarget {
  if (spec === undefined || spec === null) return { kind: 'unset' };
  const text = String(spec);
  try {
    return { kind: 'ok', target: pythonTarget(text), spec: text };
  } catch (error) {
    return { kind: 'invalid', spec: text, message: (error as Error).message };
  }
}

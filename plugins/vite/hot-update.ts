import type { HotPayload } from 'vite';
import { UPDATE_EVENT } from '../../src/contract/index.js';
import type { PycacheUpdatePayload } from '../../src/contract/index.js';
import { PythonDecodeError } from '../common/decode-error.js';
import type { PythonModules } from './python-modules.js';

/** The part of Vite's dev environment a hot update uses. */
export interface HotEnvironment {
  readonly name: string;
  readonly hot: { send(payload: HotPayload): void };
}

/**
 * Vite's `hotUpdate` for a Python file: reloads the module's record and sends {@link UPDATE_EVENT} with its new
 * entry and the whole manifest (or Vite's error overlay for a file that no longer decodes). Returns what the
 * hook returns: `[]` to stop Vite's own update, `undefined` to let it go on.
 */
export async function pythonHotUpdate(
  modules: PythonModules,
  environment: HotEnvironment,
  type: PycacheUpdatePayload['type'],
  file: string,
): Promise<[] | undefined> {
  if (environment.name !== 'client' || !modules.isPython(file)) return undefined;
  const before = modules.entry(file);
  if (type === 'delete') {
    modules.delete(file);
  } else if ((type === 'create' && modules.isUnderRoot(file)) || modules.has(file)) {
    const result = await modules.load(file);
    if ('error' in result) {
      const { error } = result;
      const loc = error instanceof PythonDecodeError ? { loc: { file, line: error.line, column: error.column } } : {};
      environment.hot.send({
        type: 'error',
        err: { message: error.message, stack: '', id: file, plugin: 'pycache-kit', ...loc },
      });
      return [];
    }
  } else {
    return undefined;
  }
  const entry = modules.entry(file) ?? null;
  const described = entry ?? before;
  if (!described) return undefined;
  const payload: PycacheUpdatePayload = {
    type,
    module: described.module,
    source: described.source,
    entry,
    manifest: modules.manifest(),
  };
  environment.hot.send({ type: 'custom', event: UPDATE_EVENT, data: payload });
  // The dev manifest module updates its object in place from this event (manifestModuleCode), so it needs
  // no module update of its own.
  return undefined;
}

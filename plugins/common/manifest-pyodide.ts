/** The manifest's `pyodide` field (options `pyodide`, `stdlib`) in the manifest's bytes; its type is the contract's. */
import type { ManifestPyodide } from '../../src/contract/index.js';

export type { ManifestPyodide } from '../../src/contract/index.js';

/** The field's lines in the manifest's fixed layout (2-space indent, keys in this order), or none. */
export function serializePyodideField(field: ManifestPyodide | undefined): string[] {
  if (field === undefined) return [];
  const keys = (['indexURL', 'version', 'stdLibURL'] as const).filter((key) => field[key] !== undefined);
  if (keys.length === 0) return [];
  return [
    '  "pyodide": {',
    ...keys.map(
      (key, i) => `    ${JSON.stringify(key)}: ${JSON.stringify(field[key])}${i < keys.length - 1 ? ',' : ''}`,
    ),
    '  },',
  ];
}

/**
 * The manifest's `pyodide` field (options `pyodide` and `stdlib`): where the Pyodide runtime and the stdlib
 * archive are, as URLs relative to the manifest itself. `loadPyodide({ indexURL, stdLibURL })` takes them once
 * resolved against the manifest's URL.
 */
export interface ManifestPyodide {
  /** The runtime folder (`loadPyodide`'s `indexURL`), ending in `/`, e.g. `"../pyodide/"`. */
  indexURL?: string;
  /** The `pyodide` package version the runtime files come from, e.g. `"314.0.7"`. */
  version?: string;
  /** The stdlib archive built for this app (`loadPyodide`'s `stdLibURL`). */
  stdLibURL?: string;
}

/** The field's lines in the manifest's fixed layout (2-space indent, keys in this order), or none. */
export function serializePyodideField(field: ManifestPyodide | undefined): string[] {
  if (field === undefined) return [];
  const keys = (['indexURL', 'version', 'stdLibURL'] as const).filter((key) => field[key] !== undefined);
  if (keys.length === 0) return [];
  return [
    '  "pyodide": {',
    ...keys.map((key, i) => `    ${JSON.stringify(key)}: ${JSON.stringify(field[key])}${i < keys.length - 1 ? ',' : ''}`),
    '  },',
  ];
}

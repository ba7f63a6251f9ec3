// The manifest's `pyodide` field (build options `pyodide`, `stdlib`) in the runtime's strict validator: accepted as
// the build writes it, refused whole (naming the field) when unknown, empty, mistyped or an indexURL that is no folder.
import { describe, expect, it } from 'vitest';
import { buildManifest, serializeManifest } from '../../../plugins/common/manifest.js';
import { pythonTarget } from '../../../src/index.js';
import { validateManifest } from '../../../src/pyodide/validate-manifest.js';

const base = buildManifest(pythonTarget('3.14'), []);

describe('manifest.pyodide', () => {
  it('is accepted as the build serializes it, and absent otherwise', () => {
    const text = serializeManifest({
      ...base,
      pyodide: { indexURL: '../pyodide/', version: '314.0.7', stdLibURL: '../pyodide/python_stdlib.zip' },
    });
    expect(validateManifest(JSON.parse(text)).pyodide).toEqual({
      indexURL: '../pyodide/',
      version: '314.0.7',
      stdLibURL: '../pyodide/python_stdlib.zip',
    });
    expect(
      validateManifest(JSON.parse(serializeManifest({ ...base, pyodide: { stdLibURL: 'python_stdlib.zip' } }))).pyodide,
    ).toEqual({ stdLibURL: 'python_stdlib.zip' });
    expect(serializeManifest(base)).not.toContain('"pyodide"');
  });

  it.each([
    [{ indexURL: 'p/', cdn: 'x' }, /manifest\.pyodide has an unknown field "cdn"/],
    [{}, /manifest\.pyodide is empty/],
    [{ stdLibURL: 3 }, /manifest\.pyodide\.stdLibURL must be a non-empty string, not 3/],
    [{ version: '' }, /manifest\.pyodide\.version must be a non-empty string/],
    [
      { indexURL: '../pyodide' },
      /manifest\.pyodide\.indexURL is "\.\.\/pyodide": the runtime folder's URL ends in "\/"/,
    ],
    ['../pyodide/', /manifest\.pyodide must be \{ indexURL\?, version\?, stdLibURL\? \}/],
  ])('refuses %o', (pyodide, message) => {
    expect(() => validateManifest({ ...(JSON.parse(serializeManifest(base)) as object), pyodide })).toThrow(message);
  });
});

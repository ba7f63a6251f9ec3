// An app that imports a package of Pyodide's own (numpy, PyYAML as `yaml`), which the page loads at run time
// (loadPackage, loadPackagesFromImports, micropip): the package's code, and so the stdlib modules it imports, is not
// there at build time. The import graph's warning says so and what to do (`stdlib.include`), and the name reaches
// the `stdlib` option (importedOutsideRoots), whose archive build names it in its log. Only an import that runs when
// the file is imported counts there: not one under try/except ImportError or in a function. The lock file is the
// installed Pyodide's.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { pythonTarget } from '../../src/index.js';
import { importGraph, importedOutsideRoots } from '../../plugins/common/import-graph.js';
import { pyodidePackageImports, pyodidePackagesAmong } from '../../plugins/common/pyodide-packages.js';
import { findPyodide } from '../../plugins/precompile/find-pyodide.js';

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
const target = pythonTarget('3.14');
const project = mkdtempSync(join(tmpdir(), 'pycache-pyodide-packages-'));
afterAll(() => rmSync(project, { recursive: true, force: true }));

it('names the Pyodide packages an app imports, and what the stdlib archive then needs', async () => {
  mkdirSync(join(project, 'py'));
  writeFileSync(
    join(project, 'py/app.py'),
    'import json\nimport numpy.linalg\nfrom yaml import safe_load\nimport nosuchthing\ntry:\n    import scipy\nexcept ImportError:\n    scipy = None\n\n\ndef plot():\n    import matplotlib\n',
  );
  const graph = await importGraph({ roots: [join(project, 'py')], entries: ['app'], target, projectRoot });
  expect(graph.warnings.map((w) => `${w.line}: ${w.message}`)).toEqual([
    '2: imports "numpy.linalg", which is not under the roots: Pyodide\'s package "numpy", which the page must load at run time (loadPackage, loadPackagesFromImports or micropip); with `stdlib`, name the stdlib modules it imports in `stdlib.include` (or [\'*\'])',
    '3: imports "yaml", which is not under the roots: Pyodide\'s package "pyyaml", which the page must load at run time (loadPackage, loadPackagesFromImports or micropip); with `stdlib`, name the stdlib modules it imports in `stdlib.include` (or [\'*\'])',
    '4: imports "nosuchthing", which is neither under the roots nor importable by Python 3.14 (stdlib, built-in or Pyodide\'s own)',
    '12: imports "matplotlib", which is not under the roots: Pyodide\'s package "matplotlib", which the page must load at run time (loadPackage, loadPackagesFromImports or micropip); with `stdlib`, name the stdlib modules it imports in `stdlib.include` (or [\'*\'])',
  ]);
  const imported = importedOutsideRoots(graph);
  expect(imported).toEqual(expect.arrayContaining(['json', 'numpy.linalg', 'yaml', 'nosuchthing']));
  // An optional import (under try/except ImportError) or one in a function: the module runs without it.
  expect(imported).not.toContain('scipy');
  expect(imported).not.toContain('matplotlib');

  const dir = findPyodide(target, projectRoot).dir;
  expect(pyodidePackageImports(dir).get('yaml')).toBe('pyyaml');
  expect(pyodidePackagesAmong(imported, dir)).toEqual(['numpy', 'yaml (pyyaml)']);
  expect(pyodidePackagesAmong(['scipy.linalg'], dir)).toEqual(['scipy']);
  // Stdlib and unknown names are no packages.
  expect(pyodidePackagesAmong(['json', 'nosuchthing', 'xml.dom'], dir)).toEqual([]);
  expect(pyodidePackagesAmong(['numpy'], join(project, 'no-such-pyodide'))).toEqual([]);
});

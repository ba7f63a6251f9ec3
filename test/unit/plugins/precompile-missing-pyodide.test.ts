// The precompile error for a target no installed Pyodide runs names the exact package to install: the version
// range of the Pyodide line built on that CPython (checked against each line's pyodide-lock.json: 0.27.7 runs
// 3.12.7, 0.29.5 runs 3.13.2), not a `<version>` placeholder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findPyodide, PyodideNotFoundError } from '../../../plugins/precompile/index.js';
import { pythonTarget } from '../../../src/index.js';

const emptyProject = mkdtempSync(join(tmpdir(), 'pycache-no-pyodide-'));
afterAll(() => rmSync(emptyProject, { recursive: true, force: true }));

function errorFor(version: string): Error {
  try {
    findPyodide(pythonTarget(version), emptyProject);
  } catch (error) {
    expect(error).toBeInstanceOf(PyodideNotFoundError);
    return error as Error;
  }
  throw new Error(`a Pyodide for ${version} was found`);
}

describe('findPyodide for a target with no Pyodide installed', () => {
  it.each([
    ['3.12', 'pyodide-312@npm:pyodide@^0.27'],
    ['3.13', 'pyodide-313@npm:pyodide@^0.29'],
  ])('Python %s: the message names `npm install -D %s`', (version, spec) => {
    const { message } = errorFor(version);
    expect(message).toContain(`\`npm install -D ${spec}\``);
    expect(message).not.toContain('<version>');
  });

  it('a target no supported Pyodide runs says so instead of naming a package', () => {
    const { message } = errorFor('3.11');
    expect(message).toContain('No Pyodide release that precompile supports (0.26 or later) runs CPython 3.11');
    expect(message).not.toContain('npm install');
  });
});

// Which Pyodide loadPython boots, with which URLs: the runtime the manifest names (its pyodide.mjs imported, as in
// a browser), the `pyodide` package where modules cannot be imported from URLs (Node), the options over both; and
// a clear error when there is nothing to load. The loadPyodide functions here record what they got and stop.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildManifest, serializeManifest } from '../../../plugins/common/manifest.js';
import type { ManifestPyodide } from '../../../src/contract/index.js';
import { pythonTarget } from '../../../src/index.js';
import type { FetchLike, LoadPythonOptions } from '../../../src/pyodide/index.js';

type Calls = { from: string; args: Record<string, unknown> }[];
const calls = (): Calls => ((globalThis as { __loadPyodideCalls?: Calls }).__loadPyodideCalls ??= []);
const STOP = 'stopped after loadPyodide was called';

// A site on disk: py/pycache-manifest.json beside pyodide/pyodide.mjs and other/pyodide.mjs (file: URLs, which
// Node imports as a browser imports http: ones). Each pyodide.mjs records its call and stops the load.
const site = mkdtempSync(join(tmpdir(), 'pycache-load-python-'));
const siteUrl = pathToFileURL(`${site}/`).href;
for (const dir of ['pyodide', 'other']) {
  mkdirSync(join(site, dir));
  writeFileSync(
    join(site, dir, 'pyodide.mjs'),
    `export async function loadPyodide(args) {\n  (globalThis.__loadPyodideCalls ??= []).push({ from: ${JSON.stringify(dir)}, args });\n  throw new Error(${JSON.stringify(STOP)});\n}\n`,
  );
}
afterAll(() => rmSync(site, { recursive: true, force: true }));

const manifestUrl = `${siteUrl}py/pycache-manifest.json`;
const base = buildManifest(pythonTarget('3.14'), []);
const FIELD: ManifestPyodide = {
  indexURL: '../pyodide/',
  version: '314.0.7',
  stdLibURL: '../pyodide/python_stdlib.zip',
};

/** A fetch that serves the manifest (with `field` as its `pyodide`) and records every URL asked for. */
function serving(field: ManifestPyodide | undefined, requested: string[] = []): FetchLike {
  const body = new TextEncoder().encode(serializeManifest({ ...base, ...(field ? { pyodide: field } : {}) }));
  return async (url) => {
    requested.push(url);
    return {
      ok: url === manifestUrl,
      status: url === manifestUrl ? 200 : 404,
      arrayBuffer: async () => body.slice().buffer,
    };
  };
}

async function load(field: ManifestPyodide | undefined, options: LoadPythonOptions = {}): Promise<unknown> {
  const { loadPython } = await import('../../../src/pyodide/load-python.js');
  return loadPython(manifestUrl, { fetch: serving(field), ...options }).then(
    () => expect.fail('the test loadPyodide always throws'),
    (error: unknown) => error,
  );
}

/** The `pyodide` package as Node would import it, recording its calls; or failing to import. */
function mockPyodidePackage(package_: { version: string } | 'missing'): void {
  vi.doMock('pyodide', () => {
    if (package_ === 'missing') throw new Error("Cannot find package 'pyodide'");
    return {
      version: package_.version,
      loadPyodide: async (args: Record<string, unknown>) => {
        calls().push({ from: 'package', args });
        throw new Error(STOP);
      },
    };
  });
}

beforeEach(() => {
  calls().length = 0;
  vi.resetModules();
});
afterEach(() => {
  vi.doUnmock('pyodide');
  vi.unstubAllGlobals();
});

describe('in a browser (modules import from URLs)', () => {
  beforeEach(() => vi.stubGlobal('document', { baseURI: siteUrl }));

  it("imports the manifest's runtime and passes its indexURL and stdLibURL, resolved against the manifest", async () => {
    const requested: string[] = [];
    const { loadPython } = await import('../../../src/pyodide/load-python.js');
    const error = await loadPython(manifestUrl, { fetch: serving(FIELD, requested) }).catch((e: unknown) => e);
    expect(String(error)).toContain(STOP);
    expect(calls()).toEqual([
      {
        from: 'pyodide',
        args: { indexURL: `${siteUrl}pyodide/`, stdLibURL: `${siteUrl}pyodide/python_stdlib.zip` },
      },
    ]);
    // The manifest first (it names the runtime); no request for the runtime's files went through our fetch.
    expect(requested).toEqual([manifestUrl]);
  });

  it('passes no stdLibURL when the build made no stdlib archive', async () => {
    await load({ indexURL: '../pyodide/', version: '314.0.7' });
    expect(calls()).toEqual([{ from: 'pyodide', args: { indexURL: `${siteUrl}pyodide/` } }]);
  });

  it("options.indexURL wins over the manifest's runtime, whose stdlib archive is then not passed", async () => {
    await load(FIELD, { indexURL: `${siteUrl}other` });
    expect(calls()).toEqual([{ from: 'other', args: { indexURL: `${siteUrl}other/` } }]);
  });

  it("options.loadPyodide wins: it gets the options' indexURL and pyodideOptions, not the manifest's URLs", async () => {
    const got: Record<string, unknown>[] = [];
    const loadPyodide = async (args: Record<string, unknown>) => {
      got.push(args);
      throw new Error(STOP);
    };
    await load(FIELD, { loadPyodide, pyodideOptions: { packages: ['micropip'] } });
    await load(FIELD, { loadPyodide, indexURL: 'https://cdn.test/pyodide/v314.0.7/full/' });
    expect(got).toEqual([{ packages: ['micropip'] }, { indexURL: 'https://cdn.test/pyodide/v314.0.7/full/' }]);
    expect(calls()).toEqual([]);
  });

  it("pyodideOptions win over the manifest's URLs", async () => {
    await load(FIELD, { pyodideOptions: { stdLibURL: 'https://x.test/own.zip', stdout: 'keep' } });
    expect(calls()).toEqual([
      {
        from: 'pyodide',
        args: { indexURL: `${siteUrl}pyodide/`, stdLibURL: 'https://x.test/own.zip', stdout: 'keep' },
      },
    ]);
  });

  it("reports the runtime's URL when its pyodide.mjs cannot be imported", async () => {
    const error = await load({ indexURL: '../nowhere/' });
    expect(String(error)).toContain(`importing Pyodide from ${siteUrl}nowhere/pyodide.mjs failed`);
  });
});

describe('in Node (no module imports from URLs): the pyodide package', () => {
  it("is loaded with the manifest's stdLibURL, and must be the release the manifest names", async () => {
    mockPyodidePackage({ version: '314.0.7' });
    expect(String(await load(FIELD))).toContain(STOP);
    expect(calls()).toEqual([{ from: 'package', args: { stdLibURL: `${siteUrl}pyodide/python_stdlib.zip` } }]);

    vi.resetModules();
    mockPyodidePackage({ version: '314.0.5' });
    expect(String(await load(FIELD))).toContain(
      "the manifest's runtime is Pyodide 314.0.7 but the pyodide package here is 314.0.5; install pyodide@314.0.7 or pass indexURL/loadPyodide",
    );
    expect(calls()).toHaveLength(1);
  });

  it('is loaded with no URL when the manifest has no pyodide field', async () => {
    mockPyodidePackage({ version: '314.0.7' });
    await load(undefined);
    expect(calls()).toEqual([{ from: 'package', args: {} }]);
  });

  it('cannot be imported: the error says the manifest names no runtime and what to pass', async () => {
    mockPyodidePackage('missing');
    const error = await load(undefined);
    expect(String(error)).toContain(
      `loadPython has no Pyodide to load: the manifest ${manifestUrl} names no Pyodide runtime (build with the pyodide option), no indexURL or loadPyodide option was given, and the pyodide package could not be imported`,
    );
    // The import's own error is kept as the cause (here vitest's report of the mocked import failing).
    expect((error as Error).cause).toBeInstanceOf(Error);
  });
});

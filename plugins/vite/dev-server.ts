import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import type { Connect, Logger } from 'vite';
import { serializeManifest } from '../common/manifest.js';
import type { ManifestPyodide } from '../common/manifest-pyodide.js';
import type { ResolvedPycacheOptions } from '../common/options.js';
import { outputPathFor } from '../common/python-module.js';
import type { PythonModules } from './python-modules.js';

/** The dev server's manifest URL (below `base`) when the build writes none (`manifest: false`). */
const DEV_MANIFEST_URL = '@pycache-kit/manifest.json';

/** Where the dev server serves the manifest: the build's file name, or (with `manifest: false`) a private URL. */
export function devManifestUrl(base: string, manifest: string | false): string {
  return joinUrl(base, manifest === false ? DEV_MANIFEST_URL : manifest);
}

/** The dev server's side of the `pyodide` option: the runtime files and the manifest's `pyodide` field. */
export interface DevPyodideRuntime {
  /** The runtime file served at `url` (its path, below the base), if it is one. */
  request(url: string): { body: Uint8Array; type: string } | undefined;
  readonly field: ManifestPyodide | undefined;
}

/**
 * The `pyodide` option in dev: the runtime files of the project's own Pyodide under `<base>pyodide/` (with
 * Pyodide's own stdlib: the app's archive is a build product), loaded lazily.
 */
export async function devPyodideRuntime(
  options: ResolvedPycacheOptions,
  projectRoot: string,
  base: () => string,
): Promise<DevPyodideRuntime> {
  const { projectPyodide, pyodideRuntimeRequest, manifestPyodideField } = await import('../common/pyodide-runtime.js');
  const pkg = projectPyodide(options.target, projectRoot);
  return {
    request: (url) => pyodideRuntimeRequest(pkg, base(), url),
    field: manifestPyodideField(options.manifest, { runtime: pkg }),
  };
}

/**
 * The dev server's middleware: the manifest at {@link devManifestUrl} (a 500 naming the files that failed,
 * never a partial manifest), with `emitSources` or `entries` each source at the URL the build would emit it at,
 * and with `pyodide` the runtime's files (`modules.servePyodide` puts their field into the manifest).
 */
export function devMiddleware(
  modules: PythonModules,
  base: () => string,
  logger: Logger,
  runtime?: DevPyodideRuntime,
): Connect.NextHandleFunction {
  return (req, res, next) => {
    const { options } = modules;
    // Paths are compared decoded: a source named `sp ace.py` or `café.py` is requested as `sp%20ace.py` or
    // `caf%C3%A9.py`. A malformed escape cannot name one of ours: leave it to Vite. The URL only selects among
    // the known modules (never a file system path built from it), so decoding opens no traversal.
    const url = decodedPath(req.url ?? '');
    if (url === undefined) {
      next();
      return;
    }
    const runtimeFile = runtime?.request(url);
    if (runtimeFile) {
      res.setHeader('Content-Type', runtimeFile.type);
      res.end(runtimeFile.body);
      return;
    }
    if (url === devManifestUrl(base(), options.manifest)) {
      manifestResponse(modules, res, logger).catch(next);
      return;
    }
    // A source emitted at the .py file's own URL must not shadow Vite's module request for that file:
    // leave module loads (script fetches, ?import) to Vite and serve only plain fetches. With `entries` the
    // runtime fetches each reached module from here, file by file.
    const moduleRequest = req.headers['sec-fetch-dest'] === 'script' || /[?&]import\b/.test(req.url ?? '');
    const file =
      (options.emitSources || options.entries !== undefined) && !moduleRequest
        ? modules.fileAt(url, (source) => joinUrl(base(), outputPathFor(options.manifest, source)))
        : undefined;
    if (file === undefined) {
      next();
      return;
    }
    readFile(file).then((bytes) => {
      res.setHeader('Content-Type', 'text/x-python');
      res.setHeader('Cache-Control', 'no-cache');
      res.end(bytes);
    }, next);
  };
}

/**
 * The dev manifest: with `entries`, what the Python imports reach now (re-walked per request; unchanged files are
 * not parsed again); a 500 naming every failure, never a partial manifest.
 */
async function manifestResponse(modules: PythonModules, res: ServerResponse, logger: Logger): Promise<void> {
  let graphError: Error | undefined;
  try {
    const found = await modules.loadEntries();
    for (const warning of found?.warnings ?? []) logger.warn(warning);
  } catch (error) {
    graphError = error instanceof Error ? error : new Error(String(error));
  }
  const failures = [...modules.failures(), ...(graphError ? [graphError.message] : [])];
  if (failures.length > 0) {
    res.statusCode = 500;
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.end(failures.join('\n'));
    return;
  }
  res.setHeader('Content-Type', 'application/json');
  res.setHeader('Cache-Control', 'no-cache');
  res.end(serializeManifest(modules.manifest()));
}

/** The request's path without its query, percent-decoded; `undefined` for a malformed escape. */
function decodedPath(url: string): string | undefined {
  const path = url.split('?')[0].split('#')[0];
  try {
    return decodeURIComponent(path);
  } catch {
    return undefined;
  }
}

function joinUrl(base: string, path: string): string {
  return `${base.endsWith('/') ? base : `${base}/`}${path}`;
}

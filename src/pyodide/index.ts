/**
 * `pycache-kit/pyodide`: mount a bundle's Python modules (and their precompiled `.pyc`) in a running Pyodide,
 * in browsers and in Node. Takes the user's Pyodide instance; never imports the `pyodide` package.
 */
export { installModules, DEFAULT_ROOT } from './install-modules.js';
export type { InstallOptions, InstallResult, InstalledModule } from './install-modules.js';
export { applyUpdate, acceptUpdates, UPDATE_EVENT } from './hot-update.js';
export type { UpdateOptions, UpdateResult, UpdatePayload, HotEventSource } from './hot-update.js';
export { checkInterpreter } from './interpreter.js';
export type { InterpreterFacts } from './interpreter.js';
export { assertManifest, MANIFEST_FORMAT } from './manifest.js';
export type { PycacheManifest, ManifestModule, ManifestPython } from './manifest.js';
export type { FileData, FilesOption, FileKind, FetchLike, FetchResponseLike } from './file-source.js';
export type { PyodideLike, PyodideFS } from './pyodide-like.js';
// [stdlib branch] the manifest's `pyodide` field (build options `pyodide`, `stdlib`).
export { pyodideLocation } from './pyodide-location.js';
export type { PyodideLocation } from './pyodide-location.js';

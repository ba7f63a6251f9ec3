/**
 * `pycache-kit/pyodide`: mount a bundle's Python modules (and their precompiled `.pyc`) in a running Pyodide,
 * in browsers and in Node. Takes the user's Pyodide instance; only `loadPython` imports the `pyodide` package,
 * lazily, when given no `loadPyodide`.
 */
export { installModules, DEFAULT_ROOT, INSTALL_OPTION_NAMES } from './install-modules.js';
export type { InstallOptions, InstallResult, InstalledModule } from './install-modules.js';
export { applyUpdate, acceptUpdates, UPDATE_EVENT } from './hot-update.js';
export type { UpdateOptions, UpdateResult, UpdatePayload, HotEventSource } from './hot-update.js';
export { checkInterpreter } from './interpreter.js';
export type { InterpreterFacts } from './interpreter.js';
export { MANIFEST_FORMAT } from './manifest.js';
export type { PycacheManifest, ManifestModule, ManifestPython, ManifestFile, ManifestBytecode } from './manifest.js';
export { validateManifest, validateModuleEntry, validateManifest as assertManifest } from './validate-manifest.js';
export { verifyFile, verifySource } from './integrity.js';
export { verifyPycHeader, verifyPycsInInterpreter } from './verify-bytecode.js';
export type { PycExpectation, PycFile } from './verify-bytecode.js';
export { writeAllOrNothing } from './write-files.js';
export type { PlannedFile } from './write-files.js';
export type { FileData, FilesOption, FileKind, FetchLike, FetchResponseLike } from './file-source.js';
export type { PyodideLike, PyodideFS } from './pyodide-like.js';
// --- one call in the page: Pyodide and the bundle, fetched in parallel ---
export { loadPython } from './load-python.js';
export type { LoadPythonOptions, LoadPythonResult, LoadPyodideLike } from './load-python.js';
export { readArchive, ArchiveError } from './archive.js';
export type { ArchiveRecord } from '../contract/index.js';
// --- the manifest's `pyodide` field (build options `pyodide`, `stdlib`) as loadPyodide's URLs ---
export { pyodideLocation } from './pyodide-location.js';
export type { PyodideLocation } from './pyodide-location.js';

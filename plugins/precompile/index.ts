/**
 * Build-time bytecode: compile Python sources with the target's real interpreter (Pyodide in Node) into
 * hash-based `.pyc` files at the manifest's cache paths. Used by the Vite and webpack plugins' `precompile`.
 */
export { precompile, PrecompileError } from './precompile.js';
export type { PrecompileMode, PrecompileModule, PrecompileOptions } from './precompile.js';
export { findPyodide, candidateNames, PyodideNotFoundError } from './find-pyodide.js';
export type { PyodidePackage } from './find-pyodide.js';
export { releaseCompilers } from './load-pyodide.js';

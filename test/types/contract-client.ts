// client.d.ts spells the manifest types out (so it needs nothing built); the project's typecheck fails here when
// they drift from the contract's (src/contract/manifest.ts), in either direction, field by field.
import type * as Client from 'virtual:pycache-manifest';
import type { ManifestModule, ManifestPyodide, PycacheManifest } from '../../src/contract/index.js';

/** `true` only when A and B are the same type (not merely assignable one way). */
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

export const moduleInStep: Same<Client.ManifestModule, ManifestModule> = true;
export const manifestInStep: Same<Client.PycacheManifest, PycacheManifest> = true;
export const pythonInStep: Same<Client.PycacheManifest['python'], PycacheManifest['python']> = true;
export const pyodideInStep: Same<Client.ManifestPyodide, ManifestPyodide> = true;

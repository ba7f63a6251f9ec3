import { createRequire } from 'node:module';

/**
 * An optional peer dependency an entry point needs is not installed. The message names the package and the
 * command that installs it: the package keeps ESLint's and webpack's helpers out of every other user's install.
 */
export class MissingPeerDependencyError extends Error {
  override name = 'MissingPeerDependencyError';
  constructor(
    /** The package to install, e.g. `@typescript-eslint/utils`. */
    readonly packageName: string,
    /** The pycache-kit entry point that needs it, e.g. `pycache-kit/eslint`. */
    readonly entryPoint: string,
    cause: unknown,
  ) {
    super(
      `${entryPoint} needs the package "${packageName}", which is not installed: npm install --save-dev ${packageName}`,
      { cause },
    );
  }
}

/** Whether `error` is Node failing to find the package `name` itself (not a file or a package it needs). */
export function isMissingPackage(error: unknown, name: string): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') return false;
  return new RegExp(`['"]${name.replace(/[/\\^$*+?.()|[\]{}]/g, '\\$&')}['"]`).test(error.message);
}

/**
 * `require(name)` from pycache-kit's own folder (so it resolves as a static import would), for a CommonJS peer
 * dependency that one entry point needs; throws {@link MissingPeerDependencyError} when it is not installed.
 */
export function requirePeer<T>(name: string, entryPoint: string): T {
  try {
    return createRequire(import.meta.url)(name) as T;
  } catch (error) {
    throw isMissingPackage(error, name) ? new MissingPeerDependencyError(name, entryPoint, error) : error;
  }
}

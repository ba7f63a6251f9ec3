import type { ManifestFile, ManifestModule } from './manifest.js';
import { toHex } from './manifest.js';

/**
 * Checks a fetched source against its manifest entry's `size` and `sha256` (see {@link verifyFile}).
 */
export async function verifySource(entry: ManifestModule, bytes: Uint8Array): Promise<void> {
  await verifyFile(entry.source, bytes, entry);
}

/**
 * Checks fetched bytes against the manifest's `size` and, where Web Crypto is available (browsers in secure
 * contexts, Node), `sha256`. A mismatch means the server rewrote the file (a text transform, a newline change,
 * an HTML fallback) or it is not the file that was built, so its code would not be the code that was built: it
 * throws naming the file. `path` is the manifest path, used in the message.
 */
export async function verifyFile(path: string, bytes: Uint8Array, expected: Partial<ManifestFile>): Promise<void> {
  if (typeof expected.size === 'number' && bytes.byteLength !== expected.size) {
    throw new Error(
      `pycache-kit/pyodide: ${path} is ${bytes.byteLength} bytes but the manifest says ${expected.size}; the file was changed after the build or served rewritten`,
    );
  }
  if (typeof expected.sha256 !== 'string') return;
  const digest = await sha256Hex(bytes);
  if (digest !== undefined && digest !== expected.sha256.toLowerCase()) {
    throw new Error(
      `pycache-kit/pyodide: ${path} has SHA-256 ${digest} but the manifest says ${expected.sha256}; the file was changed after the build or served rewritten`,
    );
  }
}

/** Lowercase hex SHA-256 of `bytes` by Web Crypto; `undefined` where there is none (insecure origins). */
export async function sha256Hex(bytes: Uint8Array): Promise<string | undefined> {
  const subtle = globalThis.crypto?.subtle;
  if (subtle === undefined) return undefined;
  return toHex(new Uint8Array(await subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)));
}

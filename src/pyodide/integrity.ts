import type { ManifestModule } from './manifest.js';
import { toHex } from './manifest.js';

/**
 * Checks a fetched source against its manifest entry's `size` and, where Web Crypto is available (browsers
 * in secure contexts, Node), `sha256`. A mismatch means the server rewrote the file (a text transform, a
 * newline change, an HTML fallback), so a checked-hash `.pyc` would be rejected and the code would not be
 * the code that was built: it throws naming the file.
 */
export async function verifySource(entry: ManifestModule, bytes: Uint8Array): Promise<void> {
  if (typeof entry.size === 'number' && bytes.byteLength !== entry.size) {
    throw new Error(`pycache-kit/pyodide: ${entry.source} is ${bytes.byteLength} bytes but the manifest says ${entry.size}; the file was changed after the build or served rewritten`);
  }
  const subtle = globalThis.crypto?.subtle;
  if (typeof entry.sha256 !== 'string' || subtle === undefined) return;
  const digest = toHex(new Uint8Array(await subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)));
  if (digest !== entry.sha256.toLowerCase()) {
    throw new Error(`pycache-kit/pyodide: ${entry.source} has SHA-256 ${digest} but the manifest says ${entry.sha256}; the file was changed after the build or served rewritten`);
  }
}

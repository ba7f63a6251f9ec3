/** Lowercase hex of bytes (`importlib.util.MAGIC_NUMBER.hex()`, a SHA-256 digest, a `source_hash`). */
export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

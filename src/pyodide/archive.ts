/**
 * The bundle archive (`archive` option): a ZIP file of stored (uncompressed) entries, written by
 * `plugins/common/archive.ts` and read here, in browsers and Node alike. Stored because the server's HTTP
 * compression (gzip, Brotli) then sees the whole bundle as one stream and finds the redundancy across files,
 * which per-entry deflate cannot; and reading is a slice of the fetched bytes, no decompressor shipped or run.
 * ZIP rather than tar because every tool opens it (unzip, Python's zipfile, file managers) and its central
 * directory lists the entries without scanning the data.
 */

/** A malformed or corrupt archive. */
export class ArchiveError extends Error {
  override name = 'ArchiveError';
}

/** ZIP record signatures and the fixed fields this format writes. */
export const ZIP = {
  localHeader: 0x04034b50,
  centralHeader: 0x02014b50,
  endOfCentralDirectory: 0x06054b50,
  /** Bit 11: the name is UTF-8. */
  utf8Flag: 0x0800,
} as const;

let table: Uint32Array | undefined;

/** CRC-32 (ISO 3309, as ZIP and zlib compute it) of `bytes`. */
export function crc32(bytes: Uint8Array): number {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = (table[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8)) >>> 0;
  return (crc ^ 0xffffffff) >>> 0;
}

/**
 * The files of a stored ZIP archive, by name, as views into `bytes` (no copy). Every entry's CRC-32 is checked;
 * a compressed or encrypted entry, a ZIP64 archive, a name that is absolute or contains `..`, a duplicate name or
 * a truncated record is an {@link ArchiveError} naming the archive (`label`) and the entry.
 */
export function readArchive(bytes: Uint8Array, label = 'archive'): Map<string, Uint8Array> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fail = (message: string): never => {
    throw new ArchiveError(`pycache-kit/pyodide: ${label}: ${message}`);
  };
  const u32 = (at: number) => (at + 4 <= bytes.byteLength ? view.getUint32(at, true) : fail(`truncated at byte ${at}`));
  const u16 = (at: number) => (at + 2 <= bytes.byteLength ? view.getUint16(at, true) : fail(`truncated at byte ${at}`));
  let end = -1;
  for (let at = bytes.byteLength - 22; at >= Math.max(0, bytes.byteLength - 22 - 0xffff); at--) {
    if (view.getUint32(at, true) === ZIP.endOfCentralDirectory) {
      end = at;
      break;
    }
  }
  if (end < 0) fail('not a ZIP archive (no end of central directory record)');
  const count = u16(end + 10);
  const directoryOffset = u32(end + 16);
  if (count === 0xffff || directoryOffset === 0xffffffff) fail('ZIP64 archives are not supported');
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const files = new Map<string, Uint8Array>();
  let at = directoryOffset;
  for (let i = 0; i < count; i++) {
    if (u32(at) !== ZIP.centralHeader) fail(`central directory entry ${i} is damaged`);
    const flags = u16(at + 8);
    const method = u16(at + 10);
    const crc = u32(at + 16);
    const size = u32(at + 20);
    const uncompressed = u32(at + 24);
    const nameLength = u16(at + 28);
    const extraLength = u16(at + 30);
    const commentLength = u16(at + 32);
    const localOffset = u32(at + 42);
    if (at + 46 + nameLength > bytes.byteLength) fail(`central directory entry ${i} is truncated`);
    let name: string;
    try {
      name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    } catch {
      name = fail(`entry ${i} has a name that is not UTF-8`);
    }
    at += 46 + nameLength + extraLength + commentLength;
    if (name.endsWith('/')) continue;
    if (flags & 1) fail(`${name} is encrypted`);
    if (method !== 0 || uncompressed !== size)
      fail(`${name} is compressed (method ${method}); the bundle archive stores its files`);
    if (
      name.startsWith('/') ||
      name.includes('\\') ||
      name.split('/').some((part) => part === '' || part === '.' || part === '..')
    ) {
      fail(`entry ${JSON.stringify(name)} is not a relative POSIX path without '.', '..' or empty segments`);
    }
    if (files.has(name)) fail(`${name} appears twice`);
    if (u32(localOffset) !== ZIP.localHeader) fail(`the local header of ${name} is damaged`);
    const start = localOffset + 30 + u16(localOffset + 26) + u16(localOffset + 28);
    if (start + size > bytes.byteLength) fail(`${name} is truncated`);
    const data = bytes.subarray(start, start + size);
    if (crc32(data) !== crc)
      fail(
        `${name} is corrupt (CRC-32 ${crc32(data).toString(16).padStart(8, '0')}, expected ${crc.toString(16).padStart(8, '0')})`,
      );
    files.set(name, data);
  }
  return files;
}

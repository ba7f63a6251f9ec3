import { createHash } from 'node:crypto';
import { crc32, ZIP } from '../../src/pyodide/archive.js';
import type { ArchiveRecord } from '../../src/contract/index.js';
import type { PycacheManifest } from './manifest.js';
import { outputPathFor } from './python-module.js';

export type { ArchiveRecord } from '../../src/contract/index.js';

/** A ZIP can hold at most 65,535 entries and 4 GiB without ZIP64, which the reader does not take. */
const LIMIT = 0xffffffff;

/**
 * A deterministic ZIP of stored entries (format: `src/pyodide/archive.ts`): entries sorted by name in code-unit
 * order, every timestamp 1980-01-01 00:00, Unix mode 0644, no extra fields or comments, UTF-8 names flagged. The
 * same files give the same bytes on every run and OS.
 */
export function writeArchive(files: Iterable<readonly [string, Uint8Array]>): Uint8Array {
  const entries = [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (entries.length >= 0xffff)
    throw new RangeError(`pycache: an archive of ${entries.length} files needs ZIP64, which the runtime does not read`);
  const encoder = new TextEncoder();
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (let i = 0; i < entries.length; i++) {
    const [name, data] = entries[i];
    if (i > 0 && entries[i - 1][0] === name) throw new Error(`pycache: two archive entries named ${name}`);
    const nameBytes = encoder.encode(name);
    // eslint-disable-next-line no-control-regex
    const flags = /^[\x00-\x7f]*$/.test(name) ? 0 : ZIP.utf8Flag;
    const crc = crc32(data);
    const local = new Uint8Array(30 + nameBytes.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, ZIP.localHeader, true);
    lv.setUint16(4, 10, true); // version needed: 1.0 (stored)
    lv.setUint16(6, flags, true);
    lv.setUint16(8, 0, true); // stored
    lv.setUint16(10, 0, true); // 00:00:00
    lv.setUint16(12, (0 << 9) | (1 << 5) | 1, true); // 1980-01-01
    lv.setUint32(14, crc, true);
    lv.setUint32(18, data.byteLength, true);
    lv.setUint32(22, data.byteLength, true);
    lv.setUint16(26, nameBytes.length, true);
    lv.setUint16(28, 0, true);
    local.set(nameBytes, 30);
    const central = new Uint8Array(46 + nameBytes.length);
    const cv = new DataView(central.buffer);
    cv.setUint32(0, ZIP.centralHeader, true);
    cv.setUint16(4, (3 << 8) | 20, true); // made by: Unix, 2.0
    cv.setUint16(6, 10, true);
    cv.setUint16(8, flags, true);
    cv.setUint16(10, 0, true);
    cv.setUint16(12, 0, true);
    cv.setUint16(14, (0 << 9) | (1 << 5) | 1, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, data.byteLength, true);
    cv.setUint32(24, data.byteLength, true);
    cv.setUint16(28, nameBytes.length, true);
    cv.setUint32(38, (0o100644 << 16) >>> 0, true); // regular file, rw-r--r--
    cv.setUint32(42, offset, true);
    central.set(nameBytes, 46);
    locals.push(local, data);
    centrals.push(central);
    offset += local.byteLength + data.byteLength;
    if (offset > LIMIT) throw new RangeError('pycache: the archive would exceed 4 GiB, which needs ZIP64');
  }
  const directorySize = centrals.reduce((sum, c) => sum + c.byteLength, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, ZIP.endOfCentralDirectory, true);
  ev.setUint16(8, entries.length, true);
  ev.setUint16(10, entries.length, true);
  ev.setUint32(12, directorySize, true);
  ev.setUint32(16, offset, true);
  const out = new Uint8Array(offset + directorySize + end.byteLength);
  let at = 0;
  for (const part of [...locals, ...centrals, end]) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}

/** The archive of a bundle and where it goes. */
export interface BundleArchive {
  /** Output path (relative to the output folder). */
  readonly fileName: string;
  readonly bytes: Uint8Array;
  /** The manifest's `archive` field. */
  readonly record: ArchiveRecord;
}

/**
 * The `archive` option: every source of `manifest` (`sources`: bytes by manifest `source`) and every `.pyc`
 * (`bytecode`: bytes by cache path) in one archive, at the paths the manifest names, named by its content
 * (`pycache-bundle.<16 hex>.zip`, so it can be cached forever) next to the manifest.
 */
export function bundleArchive(
  manifest: PycacheManifest,
  sources: ReadonlyMap<string, Uint8Array>,
  bytecode: ReadonlyMap<string, Uint8Array>,
  manifestFile: string | false,
): BundleArchive {
  const files: [string, Uint8Array][] = [];
  for (const entry of manifest.modules) {
    const source = sources.get(entry.source);
    if (source === undefined) throw new Error(`pycache: no bytes for ${entry.source} to archive`);
    files.push([entry.source, source]);
    for (const path of Object.values(entry.cache)) {
      const pyc = path === undefined ? undefined : bytecode.get(path);
      if (path !== undefined && pyc !== undefined) files.push([path, pyc]);
    }
  }
  const bytes = writeArchive(files);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const file = `pycache-bundle.${sha256.slice(0, 16)}.zip`;
  return { fileName: outputPathFor(manifestFile, file), bytes, record: { file, size: bytes.byteLength, sha256 } };
}

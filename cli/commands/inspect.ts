import { open, stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { toHex } from '../../src/contract/index.js';
import { cacheFromSource, readPycHeader, sourceFromCache } from '../../src/index.js';
import type { PycHeader } from '../../src/index.js';
import type { CliIO, Command } from '../command.js';
import { describeError, TARGET_HELP, TARGET_OPTIONS, targetFromOptions } from '../target-options.js';

const usage = `usage: pycache-kit inspect FILE.pyc... [--python X.Y] [--optimization LEVEL] [--pycache-prefix DIR] [--json]

Read each .pyc header: the CPython version that wrote it (from the magic number), its flags and
invalidation mode (PEP 552), and the source mtime and size or source hash it records; and the source
file the path belongs to (importlib.util.source_from_cache under the options' interpreter).
With --python the magic number is checked as that interpreter's import system does; with
--optimization the file name must be the one cache_from_source gives its source at that level.

options:
${TARGET_HELP}`;

function describe(file: string, h: PycHeader, source: string | undefined): string {
  const lines = [
    `${file}:`,
    `  source:      ${source ?? '(not a PEP 3147 bytecode path)'}`,
    `  python:      ${h.version}${h.final ? '' : ` (prerelease: ${h.release})`}`,
    `  magic:       ${h.magic} (${toHex(h.magicNumber)})`,
    `  header:      ${h.headerSize} bytes, flags ${h.flags} (${h.kind})`,
  ];
  if (h.kind === 'timestamp') {
    lines.push(`  mtime:       ${h.mtime} (${new Date((h.mtime ?? 0) * 1000).toISOString()})`);
    if (h.sourceSize !== undefined) lines.push(`  source size: ${h.sourceSize}`);
  } else {
    lines.push(`  source hash: ${toHex(h.sourceHash as Uint8Array)}`);
  }
  return lines.join('\n');
}

/** `pycache-kit inspect FILE.pyc...`: the header of each bytecode file. */
const inspect: Command = {
  name: 'inspect',
  summary: 'show the header of .pyc files: version, flags, mtime and size or source hash',
  usage,
  async run(argv: string[], io: CliIO): Promise<number> {
    const { values, positionals } = parseArgs({
      args: argv,
      options: TARGET_OPTIONS,
      allowPositionals: true,
    });
    if (values.help) {
      io.stdout(usage + '\n');
      return 0;
    }
    if (positionals.length === 0) {
      io.stderr(`pycache-kit inspect: give at least one FILE.pyc\n${usage}\n`);
      return 2;
    }
    const target = targetFromOptions(values, process.cwd());
    let failed = false;
    const results: Record<string, unknown>[] = [];
    for (const file of positionals) {
      try {
        const bytes = await readHeaderBytes(file);
        const h = readPycHeader(bytes, { name: file, target: values.python === undefined ? undefined : target });
        const source = sourceOf(file, target);
        if (values.optimization !== undefined && source !== undefined) {
          const expected = cacheFromSource(source, { target, optimization: values.optimization });
          if (expected !== file)
            throw new Error(
              `not the bytecode file of optimization ${JSON.stringify(values.optimization)}: that is ${expected}`,
            );
        }
        results.push({
          file,
          source: source ?? null,
          ...h,
          magicNumber: toHex(h.magicNumber),
          sourceHash: h.sourceHash && toHex(h.sourceHash),
        });
        if (!values.json) io.stdout(describe(file, h, source) + '\n');
      } catch (e) {
        failed = true;
        const err = e as NodeJS.ErrnoException;
        const message = err.code ? `cannot read: ${err.message}` : describeError(e);
        results.push({ file, error: { type: err.name, message: err.message } });
        if (!values.json) io.stderr(`pycache-kit inspect: ${file}: ${message}\n`);
      }
    }
    if (values.json) io.stdout(JSON.stringify(results, null, 2) + '\n');
    return failed ? 1 : 0;
  },
};
export default inspect;

/** The longest header any version writes (PEP 552): the first 16 bytes are all `inspect` reads. */
const HEADER_BYTES = 16;

/**
 * The first {@link HEADER_BYTES} bytes of `file` (fewer if it is shorter), and nothing more: a multi-gigabyte file
 * or `/dev/zero` costs 16 bytes. Only regular files are read (a FIFO would block, a device never ends).
 */
async function readHeaderBytes(file: string): Promise<Uint8Array> {
  const info = await stat(file);
  if (!info.isFile()) {
    throw Object.assign(
      new Error(`not a regular file (${info.isDirectory() ? 'a folder' : 'a device, FIFO or socket'})`),
      { code: 'ENOTFILE' },
    );
  }
  const handle = await open(file, 'r');
  try {
    const buffer = new Uint8Array(HEADER_BYTES);
    let length = 0;
    while (length < HEADER_BYTES) {
      const { bytesRead } = await handle.read(buffer, length, HEADER_BYTES - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    return buffer.subarray(0, length);
  } finally {
    await handle.close();
  }
}

/** The source file a bytecode path belongs to, or `undefined` where CPython's `source_from_cache` rejects it. */
function sourceOf(file: string, target: ReturnType<typeof targetFromOptions>): string | undefined {
  try {
    return sourceFromCache(file, { target });
  } catch {
    return undefined;
  }
}

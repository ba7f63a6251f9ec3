import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { readPycHeader } from '../../src/index.js';
import type { PycHeader } from '../../src/index.js';
import type { CliIO, Command } from '../command.js';
import { describeError } from '../target-options.js';

const usage = `usage: pycache-kit inspect FILE.pyc... [--json]

Read each .pyc header: the CPython version that wrote it (from the magic number), its flags and
invalidation mode (PEP 552), and the source mtime and size or source hash it records.

options:
  --python X.Y   also check the magic number against this interpreter (as its import system does)
  --json         one JSON document on stdout
  -h, --help     this help`;

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

function describe(file: string, h: PycHeader): string {
  const lines = [
    `${file}:`,
    `  python:      ${h.version}${h.final ? '' : ` (prerelease: ${h.release})`}`,
    `  magic:       ${h.magic} (${hex(h.magicNumber)})`,
    `  header:      ${h.headerSize} bytes, flags ${h.flags} (${h.kind})`,
  ];
  if (h.kind === 'timestamp') {
    lines.push(`  mtime:       ${h.mtime} (${new Date((h.mtime ?? 0) * 1000).toISOString()})`);
    if (h.sourceSize !== undefined) lines.push(`  source size: ${h.sourceSize}`);
  } else {
    lines.push(`  source hash: ${hex(h.sourceHash as Uint8Array)}`);
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
      options: { json: { type: 'boolean', default: false }, python: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } },
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
    let failed = false;
    const results: Record<string, unknown>[] = [];
    for (const file of positionals) {
      try {
        const bytes = new Uint8Array(await readFile(file));
        const h = readPycHeader(bytes, { name: file, target: values.python });
        results.push({ file, ...h, magicNumber: hex(h.magicNumber), sourceHash: h.sourceHash && hex(h.sourceHash) });
        if (!values.json) io.stdout(describe(file, h) + '\n');
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

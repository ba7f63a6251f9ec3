import { renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Command } from '../command.js';
import { pythonOutputs } from '../../plugins/common/build-outputs.js';
import { PycacheOptionError, resolveOptions } from '../../plugins/common/options.js';
import { defaultProjectTarget } from '../../plugins/common/project-python.js';
import { findPythonFiles, readPythonModules } from '../../plugins/common/python-files.js';
import { resolveRoots } from '../../plugins/common/python-roots.js';

const usage = `usage: pycache-kit manifest DIR... [--python X.Y] [--optimizations 0,2] [--out FILE]

Writes the pycache manifest (docs/manifest.md) of every .py and .pyw file under each DIR, byte for byte
what the Vite and webpack plugins emit for the same sources and options. Each DIR is a root (a sys.path
entry): module names and paths are relative to it. Folders named __pycache__ or node_modules and folders
whose name starts with a dot are skipped; a file no import can name (such as .hidden.py or a\\b.py) and a
dangling symbolic link are left out with a message each, as the plugins leave them out.

options:
  --python X.Y           target Python (version or cache tag); default: the Python of the pyodide
                         package installed in the current project, else the core's default
  --optimizations LIST   comma-separated levels (0, 1, 2), one cache entry each; default: 0
  --out FILE             write the manifest to FILE instead of standard output
  -h, --help             show this help

Exit status: 0 written, 1 a file could not be read or decoded (nothing written), 2 bad usage.`;

/** Writes `text` to `file` whole or not at all (a temporary file beside it, then a rename). */
function writeWhole(file: string, text: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

const command: Command = {
  name: 'manifest',
  summary: 'write the __pycache__ manifest of Python source folders',
  usage,
  async run(argv, io) {
    let parsed;
    try {
      parsed = parseArgs({
        args: argv,
        allowPositionals: true,
        options: {
          python: { type: 'string' },
          optimizations: { type: 'string' },
          out: { type: 'string' },
          help: { type: 'boolean', short: 'h' },
        },
      });
    } catch (error) {
      io.stderr(`pycache-kit manifest: ${(error as Error).message}\n\n${usage}\n`);
      return 2;
    }
    const { values, positionals } = parsed;
    if (values.help) {
      io.stdout(`${usage}\n`);
      return 0;
    }
    if (positionals.length === 0) {
      io.stderr(`pycache-kit manifest: give at least one DIR\n\n${usage}\n`);
      return 2;
    }
    let options;
    try {
      const optimizations =
        values.optimizations === undefined
          ? undefined
          : values.optimizations.split(',').map((level) => (/^[0-2]$/.test(level.trim()) ? Number(level) : level));
      options = resolveOptions(
        { python: values.python, optimizations, roots: positionals },
        () => defaultProjectTarget(io.cwd),
        'cli',
      );
    } catch (error) {
      if (!(error instanceof PycacheOptionError)) throw error;
      io.stderr(`pycache-kit manifest: ${error.message.replace('option "', 'option "--')}\n`);
      return 2;
    }
    const roots = resolveRoots(options.roots, io.cwd);
    for (const root of roots) {
      if (!statSync(root, { throwIfNoEntry: false })?.isDirectory()) {
        io.stderr(`pycache-kit manifest: ${root} is not a folder\n`);
        return 2;
      }
    }
    const out = values.out === undefined || values.out === '-' ? undefined : resolve(io.cwd, values.out);
    if (out !== undefined && statSync(out, { throwIfNoEntry: false })?.isDirectory()) {
      io.stderr(
        `pycache-kit manifest: --out ${out} is a folder; give the manifest's file name (such as ${join(out, 'pycache-manifest.json')})\n`,
      );
      return 2;
    }
    const { files, skipped } = findPythonFiles(roots);
    for (const message of skipped) io.stderr(`pycache-kit manifest: skipped ${message}\n`);
    const { modules, failures } = await readPythonModules(files, roots, options);
    if (failures.length > 0) {
      io.stderr(
        `${failures.join('\n')}\npycache-kit manifest: ${failures.length} file(s) could not be read or decoded; no manifest written\n`,
      );
      return 1;
    }
    let text: string;
    try {
      // The manifest alone: the command has no emitSources or precompile.
      text = (await pythonOutputs(options, modules, io.cwd)).manifest;
    } catch (error) {
      io.stderr(`${(error as Error).message}\n`);
      return 1;
    }
    if (out === undefined) {
      io.stdout(text);
    } else {
      try {
        writeWhole(out, text);
      } catch (error) {
        io.stderr(
          `pycache-kit manifest: cannot write ${values.out} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); nothing written\n`,
        );
        return 1;
      }
      io.stderr(`pycache-kit manifest: ${modules.length} module(s) → ${values.out}\n`);
    }
    return 0;
  },
};

export default command;

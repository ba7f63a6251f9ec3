import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Command } from '../command.js';
import { pythonOutputs } from '../../plugins/common/build-outputs.js';
import type { BuiltPythonModule } from '../../plugins/common/build-outputs.js';
import { PycacheOptionError, resolveOptions } from '../../plugins/common/options.js';
import { defaultProjectTarget } from '../../plugins/common/project-python.js';
import { loadPythonModule } from '../../plugins/common/python-module.js';
import { resolveRoots } from '../../plugins/common/python-roots.js';

const usage = `Usage: pycache-kit manifest DIR... [--python X.Y] [--optimizations 0,2] [--out FILE]

Writes the pycache manifest (docs/manifest.md) of every .py and .pyw file under each DIR, byte for byte
what the Vite and webpack plugins emit for the same sources and options. Each DIR is a root (a sys.path
entry): module names and paths are relative to it. Folders named __pycache__ or node_modules and folders
whose name starts with a dot are skipped.

Options:
  --python X.Y           target Python (version or cache tag); default: the Python of the pyodide
                         package installed in the current project, else the core's default
  --optimizations LIST   comma-separated levels (0, 1, 2), one cache entry each; default: 0
  --out FILE             write the manifest to FILE instead of standard output
  -h, --help             show this help

Exit status: 0 written, 1 a file could not be decoded (nothing written), 2 bad usage.`;

const SKIPPED_DIRS = new Set(['__pycache__', 'node_modules']);

/** Every `.py`/`.pyw` file under `dir`, recursively (no symlinked folders followed). */
function pythonFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name) && !entry.name.startsWith('.')) files.push(...pythonFiles(path));
    } else if ((entry.isFile() || (entry.isSymbolicLink() && statSync(path).isFile())) && /\.pyw?$/.test(entry.name)) {
      files.push(path);
    }
  }
  return files;
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
      const optimizations = values.optimizations === undefined
        ? undefined
        : values.optimizations.split(',').map((level) => (/^[0-2]$/.test(level.trim()) ? Number(level) : level));
      options = resolveOptions({ python: values.python, optimizations, roots: positionals }, () => defaultProjectTarget(io.cwd), 'cli');
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
    const modules: BuiltPythonModule[] = [];
    const failures: string[] = [];
    // As in the plugins, a file under nested roots is listed once, under the deepest root that holds it.
    const files = new Set(roots.flatMap((root) => pythonFiles(root)));
    for (const file of files) {
      try {
        const bytes = new Uint8Array(readFileSync(file));
        modules.push({ entry: loadPythonModule(file, bytes, roots, options).entry, file, bytes: () => bytes });
      } catch (error) {
        failures.push((error as Error).message);
      }
    }
    if (failures.length > 0) {
      io.stderr(`${failures.join('\n')}\npycache-kit manifest: ${failures.length} file(s) could not be decoded; no manifest written\n`);
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
    if (values.out === undefined || values.out === '-') {
      io.stdout(text);
    } else {
      writeFileSync(resolve(io.cwd, values.out), text);
      io.stderr(`pycache-kit manifest: ${modules.length} module(s) → ${values.out}\n`);
    }
    return 0;
  },
};

export default command;

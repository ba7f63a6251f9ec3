import type { CliIO, Command } from './command.js';

/** The subcommands, loaded on demand so `cache-path` never pays for the bundler code `manifest` uses. */
const COMMANDS: Record<string, { summary: string; load: () => Promise<{ default: Command }> }> = {
  'cache-path': { summary: 'bytecode path of each source file (importlib.util.cache_from_source)', load: () => import('./commands/cache-path.js') },
  'source-path': { summary: 'source file of each bytecode path (importlib.util.source_from_cache)', load: () => import('./commands/source-path.js') },
  inspect: { summary: 'header of .pyc files: version, flags, mtime/size or source hash', load: () => import('./commands/inspect.js') },
  manifest: { summary: 'write the pycache manifest of Python source folders (as the Vite/webpack plugins do)', load: () => import('./commands/manifest.js') },
};

export const HELP = `usage: pycache-kit <command> [arguments] [options]

CPython's bytecode paths and .pyc headers, exactly as the chosen interpreter computes them.

commands:
${Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(12)} ${c.summary}`).join('\n')}

Run 'pycache-kit <command> --help' for a command's options.`;

/** Runs the command line `argv` (without node and script); resolves to the exit code. */
export async function main(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stderr(HELP + '\n');
    return 2;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    io.stdout(HELP + '\n');
    return 0;
  }
  if (name === '--version' || name === '-v') {
    const { createRequire } = await import('node:module');
    io.stdout(createRequire(import.meta.url)('../../package.json').version + '\n');
    return 0;
  }
  const entry = COMMANDS[name];
  if (!entry) {
    io.stderr(`pycache-kit: unknown command '${name}'\n\n${HELP}\n`);
    return 2;
  }
  const command = (await entry.load()).default;
  try {
    return await command.run(rest, io);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    // parseArgs and target errors are the user's to fix: say so with the usage, exit 2 as Unix tools do.
    if (err.code?.startsWith('ERR_PARSE_ARGS') || err instanceof RangeError) {
      io.stderr(`pycache-kit ${name}: ${err.message}\n\n${command.usage}\n`);
      return 2;
    }
    throw e;
  }
}

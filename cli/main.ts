import type { CliIO, Command } from './command.js';

/** The subcommands, loaded on demand so `cache-path` never pays for the bundler code `manifest` uses. */
const COMMANDS: Record<string, () => Promise<{ default: Command }>> = {
  'cache-path': () => import('./commands/cache-path.js'),
  'source-path': () => import('./commands/source-path.js'),
  inspect: () => import('./commands/inspect.js'),
  manifest: () => import('./commands/manifest.js'),
};

/** `pycache-kit --help`: each command's line is its own `summary` (help is rare: it may load them all). */
export async function help(): Promise<string> {
  const commands = await Promise.all(Object.values(COMMANDS).map(async (load) => (await load()).default));
  return `usage: pycache-kit <command> [arguments] [options]

CPython's bytecode paths and .pyc headers, exactly as the chosen interpreter computes them.

commands:
${commands.map((c) => `  ${c.name.padEnd(12)} ${c.summary}`).join('\n')}

Run 'pycache-kit <command> --help' for a command's options.`;
}

/** Runs the command line `argv` (without node and script); resolves to the exit code. */
export async function main(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stderr((await help()) + '\n');
    return 2;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    io.stdout((await help()) + '\n');
    return 0;
  }
  if (name === '--version' || name === '-v') {
    const { createRequire } = await import('node:module');
    io.stdout(createRequire(import.meta.url)('../../package.json').version + '\n');
    return 0;
  }
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!load) {
    io.stderr(`pycache-kit: unknown command '${name}'\n\n${await help()}\n`);
    return 2;
  }
  const command = (await load()).default;
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

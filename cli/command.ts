/** Where a command writes; tests pass their own. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
}

/** One `pycache-kit <name>` subcommand; one file per command in `cli/commands/`. */
export interface Command {
  name: string;
  /** One line for `pycache-kit --help`. */
  summary: string;
  /** The full `--help` text of the command. */
  usage: string;
  /** Runs the command; resolves to the process exit code (0 ok, 1 failure of the work, 2 usage error). */
  run(argv: string[], io: CliIO): Promise<number>;
}

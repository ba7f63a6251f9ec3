import { parseArgs } from 'node:util';
import type { CliIO, Command } from '../command.js';
import { describeError, TARGET_HELP, TARGET_OPTIONS, targetFromOptions } from '../target-options.js';
import type { PythonTarget } from '../../src/index.js';

/**
 * A command that maps each path argument through one core function and prints one result per line (or JSON);
 * a path the interpreter would reject is reported on stderr with CPython's error and exit code 1.
 */
export function pathCommand(spec: {
  name: string;
  summary: string;
  argName: string;
  map: (path: string, target: PythonTarget, optimization: string | undefined) => string;
}): Command {
  const usage = `usage: pycache-kit ${spec.name} ${spec.argName}... [options]

${spec.summary}

options:
${TARGET_HELP}`;
  return {
    name: spec.name,
    summary: spec.summary,
    usage,
    async run(argv: string[], io: CliIO): Promise<number> {
      const { values, positionals } = parseArgs({
        args: argv,
        options: TARGET_OPTIONS,
        allowPositionals: true,
        strict: true,
      });
      if (values.help) {
        io.stdout(usage + '\n');
        return 0;
      }
      if (positionals.length === 0) {
        io.stderr(`pycache-kit ${spec.name}: give at least one ${spec.argName}\n${usage}\n`);
        return 2;
      }
      const target = targetFromOptions(values, io.cwd);
      const results: { input: string; output?: string; error?: { type: string; message: string } }[] = [];
      let failed = false;
      for (const input of positionals) {
        try {
          const output = spec.map(input, target, values.optimization);
          results.push({ input, output });
          if (!values.json) io.stdout(output + '\n');
        } catch (e) {
          failed = true;
          const err = e as Error;
          results.push({ input, error: { type: err.name, message: err.message } });
          if (!values.json) io.stderr(`pycache-kit ${spec.name}: ${input}: ${describeError(e)}\n`);
        }
      }
      if (values.json)
        io.stdout(JSON.stringify({ python: target.version, cacheTag: target.cacheTag, results }, null, 2) + '\n');
      return failed ? 1 : 0;
    },
  };
}

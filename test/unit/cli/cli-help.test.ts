// The top-level help is built from each command's own summary (there used to be a second list in main.ts that
// said other things), every usage text is spelled the same way, and a command name is never looked up on
// Object.prototype.
import { describe, expect, it } from 'vitest';
import { main } from '../../../cli/main.js';
import cachePath from '../../../cli/commands/cache-path.js';
import inspect from '../../../cli/commands/inspect.js';
import manifest from '../../../cli/commands/manifest.js';
import sourcePath from '../../../cli/commands/source-path.js';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: (t) => (out += t), stderr: (t) => (err += t), cwd: '/home/me/proj' });
  return { code, out, err };
}

const commands = [cachePath, sourcePath, inspect, manifest];

describe('pycache-kit --help', () => {
  it("lists every command with the command's own summary", async () => {
    const { code, out } = await run('--help');
    expect(code).toBe(0);
    const lines = out.split('\n').filter((l) => /^ {2}\S/.test(l));
    expect(lines).toEqual(commands.map((c) => `  ${c.name.padEnd(12)} ${c.summary}`));
  });

  it('prints the same help to stderr, exit 2, when called bare', async () => {
    const bare = await run();
    expect(bare.code).toBe(2);
    expect(bare.err).toBe((await run('--help')).out);
  });

  it.each(commands.map((c) => [c.name, c] as const))(
    '%s --help prints its usage, starting "usage: pycache-kit <name>"',
    async (name, c) => {
      const r = await run(name, '--help');
      expect(r.out.startsWith(`usage: pycache-kit ${name} `)).toBe(true);
      expect(r.out).toBe(`${c.usage}\n`);
      expect(c.usage).not.toMatch(/^(Usage|Options):/m);
    },
  );

  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])('"%s" is an unknown command', async (name) => {
    const r = await run(name);
    expect(r.code).toBe(2);
    expect(r.err.split('\n')[0]).toBe(`pycache-kit: unknown command '${name}'`);
  });
});

// The bytecode cache in webpack's own persistent cache (`compilation.getCache`, `cache: { type: 'filesystem' }`):
// a rebuild in a new compiler compiles only the edited module, and pycache-kit's cache folder is not used.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildConfig, cleanupProjects, createCompiler, makeProject } from '../helpers/webpack-harness.js';

afterAll(cleanupProjects);

interface LogEntry {
  type: string;
  message?: string;
}

/** One build; resolves to the errors and the PycachePlugin logger's lines. */
async function buildAndLog(config: ReturnType<typeof buildConfig>): Promise<{ errors: string[]; lines: string[] }> {
  const compiler = createCompiler('webpack', config);
  const result = await new Promise<{ errors: string[]; lines: string[] }>((resolve, reject) => {
    compiler.run((error, stats) => {
      if (error || !stats) {
        reject(error ?? new Error('no stats'));
        return;
      }
      const json = stats.toJson({ all: false, errors: true, logging: 'info' }) as {
        errors?: { message: string }[];
        logging?: Record<string, { entries: LogEntry[] }>;
      };
      const entries = json.logging?.PycachePlugin?.entries ?? [];
      resolve({
        errors: (json.errors ?? []).map((e) => e.message),
        lines: entries.map((e) => e.message ?? '').filter((m) => m.includes('bytecode')),
      });
    });
  });
  await new Promise<void>((resolve, reject) => compiler.close((error) => (error ? reject(error) : resolve())));
  return result;
}

describe('webpack filesystem cache keeps compiled bytecode', () => {
  it('a rebuild compiles only the edited module', async () => {
    const dir = makeProject('basic', 'basic');
    const python = { python: '3.14', roots: ['py'] };
    const config = () =>
      buildConfig('webpack', dir, {
        loader: python,
        plugin: { ...python, precompile: true },
        cacheDir: join(dir, '.webpack-cache'),
      });
    const first = await buildAndLog(config());
    expect(first.errors).toEqual([]);
    const total = Number(/(\d+) compiled/.exec(first.lines[0] ?? '')?.[1]);
    expect(total).toBeGreaterThan(3);
    expect(first.lines[0]).toContain(', 0 from cache');
    const second = await buildAndLog(config());
    expect(second.lines).toEqual([expect.stringContaining(`: 0 compiled, ${total} from cache`)]);
    const file = join(dir, 'py', 'top.py');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\nEDITED = 1\n`);
    const third = await buildAndLog(config());
    expect(third.lines).toEqual([expect.stringContaining(`: 1 compiled, ${total - 1} from cache`)]);
    // webpack's cache held it all: pycache-kit's own folder was never created.
    expect(existsSync(join(dir, 'node_modules', '.cache', 'pycache-kit'))).toBe(false);
  }, 300_000);
});

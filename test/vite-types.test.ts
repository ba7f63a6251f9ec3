// client.d.ts as a user meets it: a temporary project whose node_modules/pycache-kit is this package (built),
// with `"types": ["pycache-kit/client", "vite/client"]`, type-checks test/types/consumer.ts, test/types/negative.ts
// (@ts-expect-error lines, so nothing is `any`) and fixtures/apps/ts-consumer/hmr.ts (the pycache:update event).
// The project's own `npm run typecheck` checks test/types against the source too.
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { appsDir, repoRoot } from './vite-fixtures.js';

const built = existsSync(join(repoRoot, 'dist', 'plugins', 'vite.d.ts'));

it('types *.py, *.pyw, virtual:pycache-manifest and pycache:update for a consumer (needs npm run build)', () => {
  expect(built, 'dist/plugins/vite.d.ts is missing: run npm run build').toBe(true);
  const project = mkdtempSync(join(tmpdir(), 'pycache-types-'));
  // An installed copy of the package's type files (a symlink would make TypeScript resolve from the repo).
  const installed = join(project, 'node_modules', 'pycache-kit');
  mkdirSync(installed, { recursive: true });
  for (const file of ['package.json', 'client.d.ts']) copyFileSync(join(repoRoot, file), join(installed, file));
  cpSync(join(repoRoot, 'dist'), join(installed, 'dist'), { recursive: true, filter: (from) => !/\.(js|map)$/.test(from) });
  for (const name of readdirSync(join(repoRoot, 'node_modules'))) {
    if (name !== '.bin' && !name.startsWith('.')) symlinkSync(join(repoRoot, 'node_modules', name), join(project, 'node_modules', name), 'dir');
  }
  writeFileSync(join(project, 'package.json'), '{ "type": "module" }\n');
  writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, lib: ['ES2023', 'DOM'], types: ['pycache-kit/client', 'vite/client', 'node'] },
    files: ['consumer.ts', 'negative.ts', 'hmr.ts'],
  }));
  copyFileSync(join(repoRoot, 'test/types/consumer.ts'), join(project, 'consumer.ts'));
  copyFileSync(join(repoRoot, 'test/types/negative.ts'), join(project, 'negative.ts'));
  copyFileSync(join(appsDir, 'ts-consumer/hmr.ts'), join(project, 'hmr.ts'));
  let output = '';
  try {
    execFileSync(process.execPath, [join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', project], { encoding: 'utf8', cwd: project });
  } catch (error) {
    output = String((error as { stdout?: string }).stdout);
  }
  expect(output).toBe('');
});

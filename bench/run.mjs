// npm run bench: builds first (package.json), then runs every bench/*.bench.mjs in turn (or those named on the
// command line: `npm run bench -- paths decode`). Each measures its subject against a baseline in the same run
// and prints ratios; nothing here is a pass/fail test.
import { readdirSync } from 'node:fs';

const only = process.argv.slice(2);
const files = readdirSync(new URL('.', import.meta.url))
  .filter((f) => f.endsWith('.bench.mjs'))
  .filter((f) => only.length === 0 || only.includes(f.replace('.bench.mjs', '')))
  .sort((a, b) => (a === 'paths.bench.mjs' ? -1 : b === 'paths.bench.mjs' ? 1 : a.localeCompare(b)));
let failed = 0;
for (const file of files) {
  const name = file.replace('.bench.mjs', '');
  console.log(`\n=== ${name} ===`);
  const started = performance.now();
  try {
    const { default: run } = await import(new URL(file, import.meta.url));
    await run({ log: (...args) => console.log(...args) });
  } catch (e) {
    failed++;
    console.log(`${name}: could not run: ${e?.stack ?? e}`);
  }
  console.log(`(${name}: ${((performance.now() - started) / 1000).toFixed(1)} s)`);
}
process.exitCode = failed ? 1 : 0;

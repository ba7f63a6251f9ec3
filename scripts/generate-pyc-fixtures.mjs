// Generates fixtures/pyc/headers.json: real .pyc headers written by py_compile under every interpreter on the
// machine (timestamp, checked-hash, unchecked-hash), and importlib's verdicts on damaged headers.
// Run: node scripts/generate-pyc-fixtures.mjs [--check]
import { readFileSync } from 'node:fs';
import { finishGenerated, writeGenerated } from './generated-files.mjs';
import { pyenvInterpreters, runPyenv, runPyodide } from './interpreters.mjs';

const oracle = readFileSync(new URL('./fixtures/pyc-oracle.py', import.meta.url), 'utf8');
const results = [];
for (const interp of pyenvInterpreters())
  results.push({ interpreter: `CPython ${interp.full}`, ...JSON.parse(runPyenv(interp, oracle)) });
for (const v of ['3.14', '3.15']) {
  const out = await runPyodide(v, oracle);
  if (out) {
    const run = JSON.parse(out);
    results.push({ interpreter: `CPython ${run.full} (Pyodide)`, ...run });
  }
}
writeGenerated(new URL('../fixtures/pyc/headers.json', import.meta.url), JSON.stringify(results, null, 1) + '\n');
finishGenerated('generate-pyc-fixtures');
console.log(results.map((r) => `${r.version}: ${r.pycs.length} pycs, ${r.checks.length} checks`).join('\n'));

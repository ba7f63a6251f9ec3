// Runs scripts/fixtures/paths-oracle.py under the interpreters this machine has and collects the answers.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPyodideFor, pyenvInterpreters, runPyenv, runPyodide } from './interpreters.mjs';

const oracle = readFileSync(new URL('./fixtures/paths-oracle.py', import.meta.url), 'utf8');

/**
 * Answers `cases` under every interpreter found (or only `versions`), calling `onAnswers(key, answers)` per
 * run, key '3.12', '3.12-O', '3.12-OO'. Returns the list of interpreters used, with their full versions.
 */
export async function answerPathCases(cases, onAnswers, { versions } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'pycache-oracle-'));
  const file = join(dir, 'cases.json');
  writeFileSync(file, JSON.stringify(cases));
  const used = [];
  for (const interp of pyenvInterpreters()) {
    if (versions && !versions.includes(interp.version)) continue;
    used.push(`CPython ${interp.full} (pyenv)`);
    for (const [suffix, flags] of [
      ['', []],
      ['-O', ['-O']],
      ['-OO', ['-OO']],
    ]) {
      onAnswers(interp.version + suffix, JSON.parse(runPyenv(interp, oracle, [file], { flags })));
    }
  }
  for (const version of ['3.14', '3.15']) {
    if (versions && !versions.includes(version)) continue;
    const py = await loadPyodideFor(version);
    if (!py) continue;
    used.push(`CPython ${py.runPython('import sys; sys.version.split()[0]')} (Pyodide ${py.version})`);
    py.FS.mkdirTree(dir);
    py.FS.writeFile(file, readFileSync(file));
    for (const [suffix, mode] of [
      ['', ''],
      ['-O', 'simulate-O'],
      ['-OO', 'simulate-OO'],
    ]) {
      const out = await runPyodide(version, oracle, mode ? [file, mode] : [file]);
      onAnswers(version + suffix, JSON.parse(out));
    }
  }
  return used;
}

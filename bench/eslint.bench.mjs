// The ESLint plugin's cost: lints the `lib/` of the webpack package (real JavaScript no one here wrote) with
// the `all` config and with no rules, in the same run, and prints the overhead. Target: under 5%.
// Uses ESLint's Linter on sources read once, so both sides pay the same parse and the difference is the rules;
// each file is linted both ways back to back (order alternating), and the time is this process's CPU time
// (process.cpuUsage), so other processes on the machine skew neither side.
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Linter } from 'eslint';

const ROUNDS = 4;

export default async function run({ log }) {
  const { default: plugin } = await import('pycache-kit/eslint');
  const require = createRequire(import.meta.url);
  const lib = join(dirname(require.resolve('webpack/package.json')), 'lib');
  const files = readdirSync(lib, { recursive: true })
    .filter((f) => f.endsWith('.js'))
    .map((f) => ({ filename: f, code: readFileSync(join(lib, f), 'utf8') }));
  const bytes = files.reduce((n, f) => n + f.code.length, 0);
  log(`corpus: webpack/lib, ${files.length} files, ${(bytes / 1e6).toFixed(1)} MB, ${ROUNDS} rounds`);

  const base = { files: ['**/*.js'], languageOptions: { ecmaVersion: 'latest', sourceType: 'commonjs' } };
  const none = [base];
  const all = [base, { files: ['**/*.js'], ...plugin.configs.all }, { settings: { pycache: { python: '3.12' } } }];
  // ESLint ignores node_modules/ below its cwd: lint from inside the corpus.
  const linter = new Linter({ configType: 'flat', cwd: lib });
  const time = (config, file) => {
    const started = process.cpuUsage();
    const messages = linter.verify(file.code, config, { filename: file.filename });
    const used = process.cpuUsage(started);
    return { ms: (used.user + used.system) / 1000, messages };
  };

  for (const file of files.slice(0, 100)) {
    time(none, file);
    time(all, file);
  }
  // Each file's best time of the rounds on each side: a collection or a preemption that lands in one lint is
  // noise of the machine, not a cost of either side (runs of the plain sums swung from -0.5% to 8.5%).
  const bestNone = files.map(() => Infinity);
  const bestAll = files.map(() => Infinity);
  let sumNone = 0;
  let sumAll = 0;
  const reports = [];
  for (let round = 0; round < ROUNDS; round++) {
    files.forEach((file, i) => {
      const first = (i + round) % 2 === 0;
      const a = first ? time(none, file) : undefined;
      const b = time(all, file);
      const c = first ? undefined : time(none, file);
      bestNone[i] = Math.min(bestNone[i], (a ?? c).ms);
      bestAll[i] = Math.min(bestAll[i], b.ms);
      sumNone += (a ?? c).ms;
      sumAll += b.ms;
      if (round === 0)
        for (const m of b.messages)
          if (m.ruleId?.startsWith('pycache/')) reports.push(`${file.filename}:${m.line} ${m.ruleId}`);
    });
  }
  const noneMs = bestNone.reduce((x, y) => x + y, 0);
  const allMs = bestAll.reduce((x, y) => x + y, 0);
  const overhead = ((allMs - noneMs) / noneMs) * 100;
  log(
    `no rules:    ${noneMs.toFixed(0)} ms CPU per pass (sum of each file's best of ${ROUNDS}; mean pass ${(sumNone / ROUNDS).toFixed(0)} ms)`,
  );
  log(
    `pycache all: ${allMs.toFixed(0)} ms CPU per pass (likewise; mean pass ${(sumAll / ROUNDS).toFixed(0)} ms), ${reports.length} reports${reports.length ? `: ${reports.slice(0, 10).join(', ')}` : ''}`,
  );
  log(
    `overhead: ${overhead.toFixed(1)}% (target < 5%) ${overhead < 5 ? 'OK' : 'OVER TARGET'}; of the mean passes: ${(((sumAll - sumNone) / sumNone) * 100).toFixed(1)}%`,
  );
}

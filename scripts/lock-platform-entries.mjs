#!/usr/bin/env node
// The registry this machine reaches serves only some platforms' binary packages, so `npm install` leaves the
// other platforms' optional entries out of the lock file and `npm ci` then refuses it as out of sync.
// This adds those entries (version, os/cpu/libc) so npm ci skips them as foreign-platform optional packages.
import { readFileSync, writeFileSync } from 'node:fs';
// usage: node scripts/lock-platform-entries.mjs package-lock.json MISSING.txt  (MISSING.txt: the names npm ci lists as "Missing: NAME@ from lock file")
const lockPath = process.argv[2];
const missing = readFileSync(process.argv[3], 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((s) => s.replace(/@$/, ''));
const lock = JSON.parse(readFileSync(lockPath, 'utf8'));
const pkgs = lock.packages;
const versionOf = (name) => {
  for (const p of Object.values(pkgs))
    if (p.optionalDependencies?.[name])
      return { version: p.optionalDependencies[name], dev: p.dev, devOptional: p.devOptional };
  throw new Error('no parent for ' + name);
};
const platform = (name) => {
  const n = name.split('/')[1];
  const os = ['darwin', 'win32', 'android', 'freebsd', 'openbsd', 'openharmony', 'linux'].find((o) =>
    n.includes(`-${o}-`),
  );
  const cpu =
    ['arm64', 'x64', 'ia32', 'ppc64', 'riscv64', 's390x', 'loong64', 'wasm32'].find((c) => n.includes(`-${c}`)) ??
    (n.includes('-arm-') ? 'arm' : undefined);
  const entry = {};
  if (os) entry.os = [os];
  if (cpu) entry.cpu = [cpu];
  if (n.endsWith('-musl') || n.includes('musleabihf')) entry.libc = ['musl'];
  else if (os === 'linux') entry.libc = ['glibc'];
  return entry;
};
for (const name of missing) {
  const key = `node_modules/${name}`;
  if (pkgs[key]) continue;
  const { version, dev } = versionOf(name);
  pkgs[key] = { version, ...(dev ? { dev: true } : {}), optional: true, ...platform(name) };
}
lock.packages = Object.fromEntries(
  Object.entries(pkgs).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
);
writeFileSync(lockPath, JSON.stringify(lock, null, 2) + '\n');
console.log('added', missing.length);

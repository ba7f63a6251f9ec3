// A user's TypeScript, type-checked against client.d.ts (by the project's typecheck and by test/build/vite-types.test.ts).
/// <reference types="vite/client" />
import source, { cachePath, encoding, moduleName, sourcePath } from './pkg/mod.py';
import windowed from './gui.pyw';
import manifest from 'virtual:pycache-manifest';
import type { ManifestModule, PycacheManifest } from 'virtual:pycache-manifest';

const text: string = source + windowed;
const names: string[] = [sourcePath, cachePath, moduleName, encoding];
const format: 'pycache-manifest@1' = manifest.format;
const first: ManifestModule | undefined = manifest.modules[0];
const level0: string | undefined = first?.cache[''];
const magic: string = manifest.python.magicNumber;
const whole: PycacheManifest = manifest;

if (import.meta.hot) {
  import.meta.hot.on('pycache:update', (payload) => {
    console.log(payload.type, payload.module, payload.entry, payload.manifest.modules.length);
  });
}

console.log(text, names, format, level0, magic, whole);

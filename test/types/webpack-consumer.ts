// A webpack or Rspack user's TypeScript: pycache-kit/client alone, with no Vite installed and no skipLibCheck
// (test/vite-types.test.ts).
import source, { cachePath, encoding, moduleName, sourcePath } from './pkg/mod.py';
import manifest from 'virtual:pycache-manifest';
import type { PycacheManifest } from 'pycache-kit/webpack';

const text: string = source;
const names: string[] = [sourcePath, cachePath, moduleName, encoding];
const whole: PycacheManifest = manifest;
// @ts-expect-error the default export is the decoded text, not `any`
const wrong: number = source;

console.log(text, names, whole, wrong);

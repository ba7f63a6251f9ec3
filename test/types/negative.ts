// Wrong uses that must fail to type-check (each marked @ts-expect-error, which itself fails when the line
// type-checks), so the declarations in client.d.ts are not `any`.
import source, { moduleName } from './pkg/mod.py';
import manifest from 'virtual:pycache-manifest';

// @ts-expect-error the default export is a string
const n: number = source;
// @ts-expect-error named exports are strings
const m: number = moduleName;
// @ts-expect-error format is the literal 'pycache-manifest@1'
const wrong: 'other' = manifest.format;
// @ts-expect-error cache keys are '', '1' and '2' only
const level3: string | undefined = manifest.modules[0].cache['3'];
console.log(n, m, wrong, level3);

// A user's TypeScript Rollup config, type-checked by the project's typecheck: `pycache-kit/rollup` is accepted by
// Rollup's `plugins` without a cast (Vite's `Plugin` type, on Rolldown's hook contexts, is not).
import { rollup, type RollupOptions } from 'rollup';
import pycache from '../../plugins/rollup.js';
import pycacheVite from '../../plugins/vite.js';

export const config: RollupOptions = { input: 'main.js', plugins: [pycache({ python: '3.12', roots: ['/abs/py'] })] };
export const build = rollup(config);
// @ts-expect-error Vite's plugin type is not Rollup's: that is why pycache-kit/rollup exists.
export const viteTyped: RollupOptions = { input: 'main.js', plugins: [pycacheVite()] };

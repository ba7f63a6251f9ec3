// Type-checked by `npm run typecheck` (not run by Vitest): the plugin's configs fit the flat-config helpers
// users write with, in TypeScript config files.
import { defineConfig } from 'eslint/config';
import type { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import pycache from '../../rules/index.js';

export const withDefineConfig = defineConfig([
  pycache.configs.recommended,
  { settings: { pycache: { python: '3.12' } } },
]);
export const asArray: Linter.Config[] = [pycache.configs.all, pycache.configs.recommended];
export const byNamespace = defineConfig({ plugins: { pycache }, extends: ['pycache/recommended'] });
export const withTypescriptEslint = tseslint.config(pycache.configs.recommended);

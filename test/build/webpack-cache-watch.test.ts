// webpack 5: the manifest survives the persistent cache and follows watch mode (scenarios in webpack-scenarios.ts).
import { afterAll, describe, it } from 'vitest';
import { cleanupProjects } from '../helpers/webpack-harness.js';
import { persistentCacheScenario, watchScenario } from '../helpers/webpack-scenarios.js';

afterAll(cleanupProjects);

describe('webpack persistent cache', () => {
  it('gives the complete, identical manifest on a warm build that runs no loader', () =>
    persistentCacheScenario('webpack'));
});

describe('webpack watch mode', () => {
  it('updates the output and the manifest on edit, add and delete', () => watchScenario('webpack'));
  it('does so with cache: false too', () => watchScenario('webpack', false));
});

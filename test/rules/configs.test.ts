import { describe, expect, it } from 'vitest';
import plugin from '../../rules/index.js';

const ruleNames = Object.keys(plugin.rules)
  .map((name) => `pycache/${name}`)
  .sort();
const rulesOf = (name: string): string[] =>
  Object.keys((plugin.configs as Record<string, { rules?: object }>)[name]?.rules ?? {}).sort();

describe('the plugin configs', () => {
  it('are recommended and all, and no two of them turn on the same rules', () => {
    expect(Object.keys(plugin.configs).sort()).toEqual(['all', 'recommended']);
    const sets = Object.keys(plugin.configs).map((name) => rulesOf(name).join(' '));
    expect(new Set(sets).size).toBe(sets.length);
  });

  it('all is every rule; recommended is the rules whose docs say so, fewer than all', () => {
    expect(rulesOf('all')).toEqual(ruleNames);
    const recommended = Object.entries(plugin.rules)
      .filter(([, rule]) => rule.meta?.docs?.recommended === true)
      .map(([name]) => `pycache/${name}`)
      .sort();
    expect(rulesOf('recommended')).toEqual(recommended);
    expect(recommended.length).toBeLessThan(ruleNames.length);
  });
});

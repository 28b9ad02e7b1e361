import { describe, expect, it } from 'vitest';
import { defaultRules, mergeRules } from './rules.ts';

describe('the thresholds in force', () => {
  it('are the defaults without overrides', () => {
    expect(mergeRules(defaultRules)).toEqual(defaultRules);
    expect(mergeRules(defaultRules, null, undefined, {})).toEqual(defaultRules);
  });

  it('take the workspace\'s overrides, then the contract\'s, changing only the fields named', () => {
    const rules = mergeRules(defaultRules,
      { latePayer: { graceDays: 5, flagScore: 40 }, controlling: { trivialChars: 25 } },
      { latePayer: { graceDays: 10 } });
    expect(rules.latePayer).toEqual({ ...defaultRules.latePayer, graceDays: 10, flagScore: 40 });
    expect(rules.controlling).toEqual({ ...defaultRules.controlling, trivialChars: 25 });
    expect(rules.unresponsive).toEqual(defaultRules.unresponsive);
  });
});

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isTaggable, requestIdsInSubject, requestTag, withRequestTag } from './request-tag.ts';

const requestId = fc.stringMatching(/^[A-Za-z0-9_.:/-]{1,40}$/);
const subjectText = fc.string({ maxLength: 60 }).filter((s) => !s.includes('[R-') && !s.includes('[r-'));

describe('the request tag', () => {
  it('finds the request of a tagged subject, however the reply decorates it', () => fc.assert(fc.property(
    requestId, subjectText, fc.constantFrom('', 'Re: ', 'SV: ', 'AW: ', 'Fwd: Re: ', 'RE: VS: '),
    (id, subject, prefix) => {
      expect(requestIdsInSubject(prefix + withRequestTag(subject, id))).toEqual([id]);
    })));

  it('is written once, at the end of the subject', () => {
    expect(requestTag('req_42')).toBe('[R-req_42]');
    expect(withRequestTag('Feedback on the March plan', 'req_42')).toBe('Feedback on the March plan [R-req_42]');
    expect(withRequestTag('Feedback on the March plan [R-req_42]', 'req_42')).toBe('Feedback on the March plan [R-req_42]');
  });

  it('cannot carry ids with spaces or square brackets', () => {
    expect(isTaggable('req 42')).toBe(false);
    expect(isTaggable('req]42')).toBe(false);
    expect(requestTag('req 42')).toBeUndefined();
    expect(withRequestTag('Plan', 'req 42')).toBe('Plan');
  });

  it('lists every request tagged, once, in order', () => {
    expect(requestIdsInSubject('Re: [R-b] and [r-a] [R-b]')).toEqual(['b', 'a']);
    expect(requestIdsInSubject('[R-] [R- x] [Ra]')).toEqual([]);
  });
});

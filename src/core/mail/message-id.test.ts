import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { firstMessageId, headerMessageId, isUsableMessageId, messageIdsIn } from './message-id.ts';

const idPart = fc.stringMatching(/^[A-Za-z0-9.$_+=-]{1,30}$/);
const messageId = fc.tuple(idPart, idPart).map(([left, right]) => `${left}@${right}`);

describe('messageIdsIn', () => {
  it('reads back every id of a References header, in order, however it is folded', () => fc.assert(fc.property(
    fc.array(messageId, { minLength: 1, maxLength: 8 }), fc.constantFrom(' ', '\r\n ', '\r\n\t', ''),
    (ids, separator) => {
      expect(messageIdsIn(ids.map(headerMessageId).join(separator))).toEqual(ids);
    })));

  it('ignores comments and text around the ids', () => {
    expect(messageIdsIn('<a@x> (Jane\'s message of Mon, 2 Apr 2012)')).toEqual(['a@x']);
    expect(messageIdsIn('Your message of "Mon" <a@x>')).toEqual(['a@x']);
  });

  it('takes a bare id written without brackets by an old mailer', () => {
    expect(firstMessageId(' a@x ')).toBe('a@x');
    expect(messageIdsIn('no id here')).toEqual([]);
    expect(messageIdsIn(undefined)).toEqual([]);
  });
});

describe('isUsableMessageId', () => {
  it('accepts what the ledger can hold in the header form: printable, no spaces, ≤ 200 characters with the brackets', () => {
    expect(isUsableMessageId('a@x')).toBe(true);
    expect(isUsableMessageId('a'.repeat(196) + '@x')).toBe(true);
    expect(isUsableMessageId('a'.repeat(197) + '@x')).toBe(false);
    expect(isUsableMessageId('a b@x')).toBe(false);
    expect(isUsableMessageId('')).toBe(false);
  });
});

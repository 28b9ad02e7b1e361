import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { splitMbox } from './mail-mbox.ts';

/** The file in chunks of the given sizes (the rest in one), as a read stream would deliver it. */
function stream(text: string | Buffer, sizes: readonly number[] = []): Readable {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  const chunks: Buffer[] = [];
  let at = 0;
  for (const size of sizes) {
    if (at >= bytes.length) break;
    chunks.push(bytes.subarray(at, at + size));
    at += size;
  }
  if (at < bytes.length) chunks.push(bytes.subarray(at));
  return Readable.from(chunks);
}

async function split(text: string | Buffer, sizes?: readonly number[]) {
  const out = [];
  for await (const m of splitMbox(stream(text, sizes))) out.push({ ...m, text: m.raw.toString('utf8') });
  return out;
}

const mbox = [
  'From alice@example.com Sat Dec  2 12:34:56 2017',
  'From: Alice <alice@example.com>',
  'Subject: one',
  '',
  'Hello',
  '>From the start, mboxrd escaped this line.',
  '>>From here too, one level.',
  '',
  'From bob@example.com Sun Dec  3 08:00:00 2017',
  'From: Bob <bob@example.com>',
  'Subject: two',
  '',
  'From Russia with love (an unescaped line that is no separator)',
  '',
  'Bye',
  '',
].join('\n');

describe('splitMbox', () => {
  it('splits at "From " lines, takes their dates and unescapes ">From " lines', async () => {
    const messages = await split(mbox);
    expect(messages.map((m) => [m.index, m.receivedAt])).toEqual([[1, '2017-12-02T12:34:56.000Z'], [2, '2017-12-03T08:00:00.000Z']]);
    expect(messages[0]?.text).toBe('From: Alice <alice@example.com>\nSubject: one\n\nHello\nFrom the start, mboxrd escaped this line.\n>From here too, one level.\n');
    expect(messages[1]?.text).toContain('\nFrom Russia with love (an unescaped line that is no separator)\n\nBye\n');
  });

  it('reads CRLF files and skips a byte-order mark', async () => {
    const messages = await split('\uFEFF' + mbox.replace(/\n/g, '\r\n'));
    expect(messages).toHaveLength(2);
    expect(messages[0]?.text.startsWith('From: Alice')).toBe(true);
    expect(messages[0]?.text.endsWith('one level.\r\n')).toBe(true);
  });

  it('gives the same messages however the file is cut into chunks', () => fc.assert(fc.asyncProperty(
    fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 60 }), fc.boolean(),
    async (sizes, crlf) => {
      const text = '\uFEFF' + (crlf ? mbox.replace(/\n/g, '\r\n') : mbox);
      expect((await split(text, sizes)).map((m) => m.text)).toEqual((await split(text)).map((m) => m.text));
    }), { numRuns: 200 }));

  it('keeps bytes that are not UTF-8 as they are', async () => {
    const latin1 = Buffer.concat([Buffer.from('From x Sat Dec  2 12:34:56 2017\nSubject: caf'), Buffer.from([0xe9]), Buffer.from('\n\nbody\n')]);
    const [message] = await split(latin1);
    expect(message?.raw.includes(0xe9)).toBe(true);
  });

  it('keeps text before the first "From " line as a message, and yields nothing for an empty file', async () => {
    expect((await split('Subject: stray\n\ntext\n')).map((m) => m.text)).toEqual(['Subject: stray\n\ntext\n']);
    expect(await split('')).toEqual([]);
    expect(await split('\n\n')).toEqual([]);
  });
});

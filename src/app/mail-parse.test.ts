import { describe, expect, it } from 'vitest';
import { parseInbound, unparseableInbound } from './mail-parse.ts';

const message = (...headers: string[]) => Buffer.from([...headers, 'Content-Type: text/plain; charset=utf-8', '', 'Hej  med\n\ndig', ''].join('\n'));

describe('parseInbound', () => {
  it('reads the headers matching needs, addresses by mailparser, ids without brackets', async () => {
    const parsed = await parseInbound(message(
      'From: "Kim Ærø" <Kim@Acme.Example>',
      'To: Studio <hello@studio.example>, Group: a@x.example, b@y.example;',
      'Cc: lee@acme.example',
      'Subject: =?utf-8?q?SV=3A_Plan_for_m=C3=A6rz?= [R-req-1]',
      'Date: Wed, 04 Mar 2026 10:00:00 +0100',
      'Message-ID: <reply.1@acme.example>',
      'In-Reply-To: <firmly.1@studio.example> (Studio\'s message)',
      'References: <root@studio.example>',
      '  <firmly.1@studio.example>',
    ));
    expect(parsed).toEqual({
      mail: {
        messageId: 'reply.1@acme.example',
        from: [{ name: 'Kim Ærø', address: 'kim@acme.example' }],
        to: [{ name: 'Studio', address: 'hello@studio.example' }, { name: '', address: 'a@x.example' }, { name: '', address: 'b@y.example' }],
        cc: [{ name: '', address: 'lee@acme.example' }],
        subject: 'SV: Plan for mærz [R-req-1]',
        inReplyTo: ['firmly.1@studio.example'],
        references: ['root@studio.example', 'firmly.1@studio.example'],
      },
      date: '2026-03-04T09:00:00.000Z',
      receivedAt: undefined,
      snippet: 'Hej med dig',
    });
  });

  it('leaves an unreadable Date undefined, where mailparser would say "now"', async () => {
    expect((await parseInbound(message('From: a@x.example', 'Date: sometime last week'))).date).toBeUndefined();
  });

  it('takes the receipt time from the source, else from the top Received header', async () => {
    const received = 'Received: from mx.example by mail.studio.example; Thu, 05 Mar 2026 08:00:00 +0000';
    expect((await parseInbound(message(received, 'From: a@x.example'))).receivedAt).toBe('2026-03-05T08:00:00.000Z');
    expect((await parseInbound(message(received, 'From: a@x.example'), '2026-03-06T00:00:00.000Z' as never)).receivedAt).toBe('2026-03-06T00:00:00.000Z');
  });

  it('gives a message without a Message-ID an id from its content, the same with CRLF or LF line ends', async () => {
    const lf = message('From: a@x.example', 'Subject: no id');
    const crlf = Buffer.from(lf.toString('utf8').replace(/\n/g, '\r\n'));
    const [a, b] = await Promise.all([parseInbound(lf), parseInbound(crlf)]);
    expect(a.mail.messageId).toMatch(/^[0-9a-f]{40}@content\.firmly\.invalid$/);
    expect(b.mail.messageId).toBe(a.mail.messageId);
    expect((await parseInbound(message('From: a@x.example', 'Subject: another'))).mail.messageId).not.toBe(a.mail.messageId);
  });

  it('stands in for a Message-ID the ledger cannot hold with one derived from it', async () => {
    const long = `<${'x'.repeat(250)}@example>`;
    const [a, b] = await Promise.all([parseInbound(message('From: a@x.example', `Message-ID: ${long}`)), parseInbound(message('From: b@x.example', `Message-ID: ${long}`))]);
    expect(a.mail.messageId).toMatch(/^[0-9a-f]{40}@hashed\.firmly\.invalid$/);
    expect(b.mail.messageId).toBe(a.mail.messageId);
  });

  it('keeps a message it cannot parse, saying why', () => {
    const kept = unparseableInbound(Buffer.from('garbage'), new Error('boom'));
    expect(kept.mail).toMatchObject({ from: [], subject: '' });
    expect(kept.snippet).toBe('(this message could not be parsed: boom)');
  });
});

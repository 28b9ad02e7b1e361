/**
 * queued → approved → sending → unconfirmed → accepted → sent. `sending`: claimed, the end of
 * the message not yet sent (the server cannot have it). `unconfirmed`: the end sent, the
 * server's answer not yet recorded (a crash there leaves it held, `failed`, for a person to
 * check). `accepted`: the server took the message and its `message.sent` is yet to be
 * recorded (a crash there is finished by recording, never by mailing again). A failed try goes back to approved with a later `nextAttemptAt`, or to
 * failed once the tries are used up or the server refused the message for good. A step for
 * the user rather than a letter (walk away) is acknowledged, never sent; a person may discard
 * a message instead of approving it.
 */
export const outboxStatuses = ['queued', 'approved', 'sending', 'unconfirmed', 'accepted', 'sent', 'failed', 'acknowledged', 'discarded'] as const;
export type OutboxStatus = (typeof outboxStatuses)[number];

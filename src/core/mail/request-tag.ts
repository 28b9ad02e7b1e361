// The request tag: `[R-<requestId>]` in a subject says which request a message is about,
// for replies that lost their threading headers (a client who writes a new mail, a forward,
// a webmail that drops In-Reply-To). Outgoing letters about a request put the tag at the end
// of their subject (`Feedback on the March plan [R-req_42]`); mail clients keep the subject
// when replying (`Re: … [R-req_42]`), so the answer carries it back. The "R-" is matched in
// either case; the id exactly. Ids with whitespace or square brackets cannot be tagged.

const tagPattern = /\[R-([^\s[\]]{1,200})\]/gi;

/** True when `requestId` can travel in a subject tag. */
export const isTaggable = (requestId: string): boolean => /^[^\s[\]]{1,200}$/.test(requestId);

/**
 * The tag for a request, to append to a subject; undefined for an id that cannot be tagged.
 * @example requestTag('req_42') === '[R-req_42]'
 */
export const requestTag = (requestId: string): string | undefined => (isTaggable(requestId) ? `[R-${requestId}]` : undefined);

/** `subject` with the request's tag at the end (unchanged when it already carries it, or the id cannot be tagged). */
export function withRequestTag(subject: string, requestId: string): string {
  const tag = requestTag(requestId);
  if (tag === undefined || requestIdsInSubject(subject).includes(requestId)) return subject;
  return subject.trim() === '' ? tag : `${subject.trimEnd()} ${tag}`;
}

/** The request ids tagged in a subject, in order of appearance, without repeats. */
export function requestIdsInSubject(subject: string): string[] {
  const ids: string[] = [];
  for (const m of subject.matchAll(tagPattern)) {
    const id = m[1] as string;
    if (!ids.includes(id)) ids.push(id);
  }
  return ids;
}

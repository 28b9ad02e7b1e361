// Well-formed text (issue 19, F1): the one rule for every string that enters the ledger or
// an HTTP body. A JavaScript string can hold what no database can store: a lone surrogate
// (UTF-16 half of a pair) becomes U+FFFD when written as UTF-8, so the text hashed is not the
// text stored and `verify` fails for good; NUL ends a string in PostgreSQL's text type and is
// refused there, while SQLite keeps it. C0 controls other than tab, line feed and carriage
// return have no business in names, subjects or notes (ESC takes over terminals); ids refuse
// all controls already, in IdWire.

/** A string that may cross the boundary unchanged: valid Unicode, no NUL, no C0 control but \t \n \r. */
export function isWellFormedText(text: string): boolean {
  return !ILL_FORMED.test(text);
}

// One pass: a high surrogate not followed by a low one, a low one not preceded by a high one,
// or a C0 control other than \t (09), \n (0A) and \r (0D).
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const ILL_FORMED = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;

const hex = (unit: number) => `U+${unit.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Why `text` is not well-formed, naming the character and its position (1-based, counted in
 * characters, not UTF-16 units); undefined when it is.
 * @example textProblem('x\udc00y') === 'contains a lone surrogate (U+DC00) at character 2'
 */
export function textProblem(text: string): string | undefined {
  const match = ILL_FORMED.exec(text);
  if (!match) return undefined;
  const unit = match[0].charCodeAt(0);
  const position = [...text.slice(0, match.index)].length + 1;
  const what = unit === 0 ? 'NUL' : unit >= 0xd800 ? 'a lone surrogate' : 'a control character';
  return `contains ${what} (${hex(unit)}) at character ${position}`;
}

/** Where in a decoded JSON value the first ill-formed string or key is, and why. */
export interface TextIssue {
  /** Keys and indexes from the root: `['data', 'contacts', 0, 'name']`. */
  readonly path: readonly (string | number)[];
  readonly reason: string;
}

/**
 * The first string or object key in a decoded JSON value that is not well-formed text, or
 * undefined. Walks with an explicit stack: a line nested 100,000 deep must be an answer, not
 * a stack overflow.
 */
export function findTextIssue(value: unknown): TextIssue | undefined {
  // Most values are fine: check them without building paths, and walk again with paths
  // only to name what is wrong (imports check every line).
  return hasIllFormedText(value) ? locateTextIssue(value) : undefined;
}

function hasIllFormedText(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const current = stack.pop();
    if (typeof current === 'string') {
      if (ILL_FORMED.test(current)) return true;
    } else if (Array.isArray(current)) {
      for (const item of current) stack.push(item);
    } else if (current !== null && typeof current === 'object') {
      for (const key in current) {
        if (!Object.hasOwn(current, key)) continue;
        if (ILL_FORMED.test(key)) return true;
        stack.push((current as Record<string, unknown>)[key]);
      }
    }
  }
  return false;
}

// Each node links to its parent instead of carrying a copy of its path: copies would make a
// deeply nested value quadratic.
interface Node { readonly value: unknown; readonly parent: Node | undefined; readonly key: string | number }

const pathOf = (node: Node): (string | number)[] => {
  const path: (string | number)[] = [];
  for (let n: Node | undefined = node; n?.parent !== undefined; n = n.parent) path.push(n.key);
  return path.reverse();
};

function locateTextIssue(value: unknown): TextIssue | undefined {
  const stack: Node[] = [{ value, parent: undefined, key: '' }];
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    const current = node.value;
    if (typeof current === 'string') {
      const reason = textProblem(current);
      if (reason) return { path: pathOf(node), reason };
    } else if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push({ value: current[i], parent: node, key: i });
    } else if (current !== null && typeof current === 'object') {
      const keys = Object.keys(current);
      for (const key of keys) {
        const reason = textProblem(key);
        // The key goes into the message escaped, so that the message is well-formed too.
        if (reason) return { path: pathOf(node), reason: `the key ${JSON.stringify(key)} ${reason}` };
      }
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i] as string;
        stack.push({ value: (current as Record<string, unknown>)[key], parent: node, key });
      }
    }
  }
  return undefined;
}

/** `data.contacts.0.name: contains NUL (U+0000) at character 3`; `prefix` names the root (`body`). */
export function describeTextIssue(issue: TextIssue, prefix = ''): string {
  const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
  return path ? `${path}: ${issue.reason}` : issue.reason;
}

/**
 * Text from outside that we keep rather than refuse (a mail subject): lone surrogates and
 * refused controls become U+FFFD, so that one odd mail cannot stop an import.
 */
export function toWellFormedText(text: string): string {
  return isWellFormedText(text) ? text : text.replace(new RegExp(ILL_FORMED.source, 'g'), '\uFFFD');
}

/**
 * The offset of the first byte that is not part of well-formed UTF-8 (RFC 3629: no overlong
 * forms, no encoded surrogates, nothing past U+10FFFF), or -1 when all of it is. Where a
 * decoder would silently put U+FFFD, an import names the byte instead.
 * @example invalidUtf8Offset(new Uint8Array([0x61, 0xff])) === 1
 */
export function invalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i += 1;
      continue;
    }
    // The lead byte fixes the length and the range the second byte may take (Table 3-7 of the Unicode Standard).
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) length = 2;
    else if (b >= 0xe0 && b <= 0xef) {
      length = 3;
      if (b === 0xe0) low = 0xa0; // overlong
      if (b === 0xed) high = 0x9f; // U+D800..U+DFFF, the surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      length = 4;
      if (b === 0xf0) low = 0x90; // overlong
      if (b === 0xf4) high = 0x8f; // past U+10FFFF
    } else return i;
    for (let k = 1; k < length; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < (k === 1 ? low : 0x80) || c > (k === 1 ? high : 0xbf)) return i;
    }
    i += length;
  }
  return -1;
}

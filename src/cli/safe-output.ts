// Text that came from outside (a mail subject from a stranger, a client's name, an imported
// file's name, an error quoting input) must not drive the terminal it is printed on: ESC and
// CSI sequences can recolour, retitle, hide or rewrite the screen, and bidi overrides make a
// line read differently from what it holds ("Trojan source", CVE-2021-42574). #19 F5.
//
// One home for all of the CLI: runCli hands every command streams that pass text through
// `neutraliseControls`, so a new command cannot forget it. The escape is JSON's own,
// `\uXXXX`, which makes one rule right for both kinds of output:
// - human text shows the character visibly and inertly (`\u001b[2J`, `\u202e`);
// - JSON stays valid and parses back to exactly the same data, because JSON.stringify
//   already escapes C0 controls (so none is raw in JSON) but leaves C1 controls, DEL and the
//   bidi controls raw inside strings, where `\uXXXX` is the same character.
// A literal backslash-u typed by someone reads the same in human text; JSON keeps the two apart.

/**
 * C0 controls but \t and \n, DEL, C1 controls (U+0080–U+009F: CSI is U+009B), the bidi
 * embeddings and overrides (U+202A–U+202E) and isolates (U+2066–U+2069).
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const unsafe = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** `text` with every terminal-unsafe character written as its `\uXXXX` escape. */
export function neutraliseControls(text: string): string {
  return text.replace(unsafe, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * `text` on one line: CR and LF written as `\u000d` and `\u000a`. For what is printed one per
 * line, like `FILE:LINE: reason`, where a reason quoting input (an unknown key `"\r\n"`, a
 * CSV cell with a line break) would otherwise look like two refusals, the second unnamed.
 */
export function oneLine(text: string): string {
  return neutraliseControls(text).replace(/\n/g, '\\u000a'); // CR is a C0 control already
}

/** What commands write to: text only, with back-pressure (`writer` waits for 'drain'). */
export interface Output {
  write(text: string): boolean;
  once(event: 'drain', listener: () => void): unknown;
}

/**
 * `stream`, seen through `neutraliseControls`. Writes go straight through, in the same call,
 * so output is in the stream when the command returns and back-pressure is the stream's own.
 */
export function neutralisingOutput(stream: Output): Output {
  return {
    write: (text) => stream.write(neutraliseControls(text)),
    once: (event, listener) => stream.once(event, listener),
  };
}

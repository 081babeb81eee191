/*
 * The characters of the SpreadsheetML parts' XML: character codes, references (the five predefined entities and
 * character references; no DTD entity is expanded), line ends, and runs of text scanned for what they need.
 */

/** An XML part that is not well-formed (a damaged or truncated workbook). */
export class XmlError extends Error {
  override readonly name = 'XmlError';
}

export const LT = 0x3c;
export const GT = 0x3e;
export const CR = 0x0d;
export const UNDERSCORE = 0x5f;
export const SLASH = 0x2f;
export const COLON = 0x3a;
export const EQUALS = 0x3d;
export const QUOTE = 0x22;
export const APOSTROPHE = 0x27;
export const AMPERSAND = 0x26;
export const SPACE = 0x20;

/** Whether `input` holds `name` at `at` (names are short: a loop beats startsWith's call). */
export function sameAt(input: string, at: number, name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    if (input.charCodeAt(at + i) !== name.charCodeAt(i)) {
      return false;
    }
  }
  return true;
}

export const isSpace = (code: number) => code === SPACE || code === 0x0a || code === 0x09 || code === CR;

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const REFERENCE = /&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|amp|lt|gt|quot|apos);/g;

function replaceReference(match: string, body: string): string {
  if (body.charCodeAt(0) !== 0x23) {
    return ENTITIES[body] ?? match;
  }
  const code = body.charCodeAt(1) === 0x78 ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
  return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : match;
}

/** Text with its references resolved and its line ends normalized (XML 1.0 §2.11: CR LF and CR read as LF). */
export function decodeText(raw: string): string {
  let text = raw;
  if (text.indexOf('\r') >= 0) {
    text = text.replace(/\r\n?/g, '\n');
  }
  return text.indexOf('&') >= 0 ? text.replace(REFERENCE, replaceReference) : text;
}

/** An attribute value: references resolved, and tabs and line ends read as spaces (XML 1.0 §3.3.3). */
export function decodeAttribute(raw: string): string {
  for (let i = 0; i < raw.length; i++) {
    const code = raw.charCodeAt(i);
    if (code < SPACE || code === AMPERSAND) {
      const text = raw.replace(/\r\n|[\t\n\r]/g, ' ');
      return text.indexOf('&') >= 0 ? text.replace(REFERENCE, replaceReference) : text;
    }
  }
  return raw;
}

/**
 * A run of text up to the next '<', and what it holds. Text runs in worksheets are short and mostly follow a tag at
 * once: a loop finds the '<' sooner than indexOf's call, and notes on the way whether the text needs decoding.
 */
export class TextScan {
  /** No reference and no CR: the text is as written. */
  plain = true;
  /** An underscore: the text may hold OOXML's _xHHHH_ escapes. */
  underscore = false;

  /** Scan from `from`: the position of the next '<', or the input's length when there is none. */
  to(input: string, from: number): number {
    const length = input.length;
    let at = from;
    let plain = true;
    let underscore = false;
    while (at < length) {
      const code = input.charCodeAt(at);
      if (code < 0x60) {
        if (code === LT) {
          break;
        }
        if (code === AMPERSAND || code === CR) {
          plain = false;
        } else if (code === UNDERSCORE) {
          underscore = true;
        }
      }
      at++;
    }
    this.plain = plain;
    this.underscore = underscore;
    return at;
  }

  /** The text scanned last, `from` to `to`, as read. */
  text(input: string, from: number, to: number): string {
    const raw = input.slice(from, to);
    return this.plain ? raw : decodeText(raw);
  }
}

/**
 * Masking of personal data for display, following the common practice of Chinese government systems
 * (GB/T 35273-2020 "de-identification" examples): a phone keeps its first 3 and last 4 digits, a name its surname,
 * a resident ID its first 4 and last 4 characters. Every function takes any string and never throws; the middle of
 * a value is never shown, and a value too short to mask safely is masked entirely.
 */

const STAR = '*';

function stars(count: number): string {
  return STAR.repeat(Math.max(0, count));
}

/** Keep `head` characters at the start and `tail` at the end (by code point), mask the rest. */
function keepEnds(chars: string[], head: number, tail: number): string {
  if (head + tail >= chars.length) {
    return stars(chars.length);
  }
  return chars.slice(0, head).join('') + stars(chars.length - head - tail) + chars.slice(chars.length - tail).join('');
}

const MOBILE = /^(\+?86[\s-]?|0086[\s-]?)?(1\d{2})[\s-]?(\d{4})[\s-]?(\d{4})$/;
// An area code in parentheses or followed by a separator; the number may carry an extension after a dash.
const LANDLINE = /^(\(0\d{2,3}\)|0\d{2,3}(?=[\s-]))([\s-]?)(\d{7,8})(?:-(\d{1,6}))?$/;
// Without a separator the area code's length is known from its first digits: 010 and 02x are 3 digits, others 4.
const LANDLINE_PLAIN = /^(010|02\d|0[3-9]\d{2})(\d{7,8})$/;

/** A local number keeps at most its last 4 digits, and at least 4 digits are masked (`1234567` → `****567`). */
function maskLocal(local: string): string {
  const keep = Math.min(4, local.length - 4);
  return stars(local.length - keep) + local.slice(local.length - keep);
}

/**
 * `13812345678` → `138****5678` (a +86 prefix is kept), `0579-85123456` → `0579-****3456` (an extension is masked
 * too). Anything else keeps at most its first 3 and last 4 characters, and only when long enough.
 */
export function maskPhone(phone: string): string {
  const value = phone.trim();
  const mobile = MOBILE.exec(value);
  if (mobile) {
    const prefix = mobile[1] ? `${mobile[1].trim().replace(/-$/, '')} ` : '';
    return `${prefix}${mobile[2]}${stars(4)}${mobile[4]}`;
  }
  const landline = LANDLINE.exec(value);
  if (landline) {
    const [, area = '', separator = '', local = '', extension] = landline;
    return `${area}${separator}${maskLocal(local)}${extension ? `-${stars(extension.length)}` : ''}`;
  }
  const plain = LANDLINE_PLAIN.exec(value);
  if (plain) {
    return `${plain[1]}${maskLocal(plain[2] ?? '')}`;
  }
  const chars = Array.from(value);
  if (chars.length >= 11) {
    return keepEnds(chars, 3, 4);
  }
  return keepEnds(chars, 0, chars.length >= 8 ? 4 : 0);
}

/** `张三` → `张*`, `欧阳娜娜` → `欧***`: the first character only; a one-character value is masked entirely. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) {
    return stars(chars.length);
  }
  return keepEnds(chars, 1, 0);
}

/** An 18-character resident ID (GB 11643) → first 4 + 10 asterisks + last 4; shorter IDs show less. */
export function maskIdNumber(id: string): string {
  const chars = Array.from(id.trim());
  if (chars.length >= 15) {
    return keepEnds(chars, 4, 4);
  }
  if (chars.length >= 8) {
    return keepEnds(chars, 2, 2);
  }
  return stars(chars.length);
}

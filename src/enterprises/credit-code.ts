/**
 * The unified social credit code (统一社会信用代码) of GB 32100-2015: 18 characters over 31 symbols.
 *
 *   position 1       registration authority (9 = market regulation / 工商, 5 = civil affairs, 1 = staffing office …)
 *   position 2       organisation type under that authority (1 = enterprise, 2 = individual business …)
 *   positions 3–8    administrative division code of the registering office (GB/T 2260, digits)
 *   positions 9–17   organisation code (主体标识码, GB 11714)
 *   position 18      check character over positions 1–17
 *
 * Pure functions, no I/O: the enterprise service validates with them and the demo generator builds codes with them.
 */

/** The code's alphabet in value order: digits 0–9 are 0–9, A is 10 … Y is 30 (no I, O, S, V, Z). */
export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Weights of positions 1–17 (3^i mod 31), GB 32100-2015 §5.2. */
export const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

export const CREDIT_CODE_LENGTH = 18;

export type CreditCodeCheck = { ok: true; code: string } | { ok: false; reason: string };

const ALPHABET_HINT = '0-9 and A-Y without I, O, S, V, Z';

/**
 * A credit code as a person or a spreadsheet may write it, in canonical form: surrounding white space (the
 * ideographic space too) dropped, full-width ASCII (Ａ１ from a Chinese input method) made half-width and a–z upper
 * case. Nothing else changes, so a stray character is still reported where it stands.
 */
export function normalizeCreditCode(text: string): string {
  return text
    .trim()
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[a-z]/g, (c) => c.toUpperCase());
}

/** The first problem of the first 17 characters (already upper case), or null when they are well formed. */
function bodyProblem(body: string): string | null {
  // Iterate by code point so an astral character is reported as one character at its real position.
  const chars = Array.from(body);
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i] as string;
    const position = i + 1;
    if (!CREDIT_CODE_ALPHABET.includes(char)) {
      return `position ${position}: "${char}" is not allowed (a credit code uses ${ALPHABET_HINT})`;
    }
    if (position >= 3 && position <= 8 && !/[0-9]/.test(char)) {
      return `position ${position}: the administrative division code (positions 3–8) must be digits, got "${char}"`;
    }
  }
  return null;
}

function weightedCheck(body: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    sum += CREDIT_CODE_ALPHABET.indexOf(body[i] as string) * (CREDIT_CODE_WEIGHTS[i] as number);
  }
  const value = (31 - (sum % 31)) % 31;
  return CREDIT_CODE_ALPHABET[value] as string;
}

/**
 * The check character (position 18) of the first 17 characters: 31 − (Σ value × weight mod 31), with 31 written as 0
 * (GB 32100-2015 §5.2). Throws a RangeError when the 17 characters are not a well-formed code body.
 */
export function creditCodeCheckChar(first17: string): string {
  const body = normalizeCreditCode(first17);
  if (Array.from(body).length !== 17) {
    throw new RangeError(`a credit code body has 17 characters (got ${Array.from(body).length})`);
  }
  const problem = bodyProblem(body);
  if (problem) {
    throw new RangeError(problem);
  }
  return weightedCheck(body);
}

/** A whole, valid credit code from its first 17 characters (normalised), e.g. for the demo generator. */
export function makeCreditCode(first17: string): string {
  const body = normalizeCreditCode(first17);
  return body + creditCodeCheckChar(body);
}

/**
 * Check a credit code as a person typed it (see normalizeCreditCode for what is forgiven). The answer is
 * the normalised code, or the first reason it is not one: its length, the position of a bad character, or the
 * check character that was expected.
 */
export function validateCreditCode(text: string): CreditCodeCheck {
  const code = normalizeCreditCode(text);
  const length = Array.from(code).length;
  if (length !== CREDIT_CODE_LENGTH) {
    return { ok: false, reason: `must be ${CREDIT_CODE_LENGTH} characters (got ${length})` };
  }
  const chars = Array.from(code);
  const problem = bodyProblem(chars.slice(0, 17).join(''));
  if (problem) {
    return { ok: false, reason: problem };
  }
  const last = chars[17] as string;
  if (!CREDIT_CODE_ALPHABET.includes(last)) {
    return { ok: false, reason: `position 18: "${last}" is not allowed (a credit code uses ${ALPHABET_HINT})` };
  }
  const expected = weightedCheck(code);
  if (last !== expected) {
    return { ok: false, reason: `wrong check character: expected ${expected}, got ${last}` };
  }
  return { ok: true, code };
}

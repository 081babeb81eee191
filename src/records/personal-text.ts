import { maskIdNumber, maskPhone } from '../core/pii/index.js';

/*
 * Personal data that free text visibly carries: what a complainant wrote into a description, what a reader typed
 * into the reason for unmasking a complainant. Masked where such text leaves the server publicly (Open311) or enters
 * the audit log.
 */

const MOBILE_IN_TEXT = /(?<![0-9])(?:\+?86[\s-]?)?1[3-9][0-9](?:[\s-]?[0-9]{4}){2}(?![0-9])/g;
const LANDLINE_IN_TEXT = /(?<![0-9])0[0-9]{2,3}-[0-9]{7,8}(?![0-9])/g;
const ID_NUMBER_IN_TEXT = /(?<![0-9A-Za-z])[0-9]{17}[0-9Xx](?![0-9A-Za-z])/g;

/**
 * Free text with the personal data it visibly carries masked: mobile and landline numbers, resident ID numbers.
 * Best effort — it cannot find a name.
 */
export function maskPersonalText(text: string): string {
  return text
    .replace(ID_NUMBER_IN_TEXT, (id) => maskIdNumber(id))
    .replace(MOBILE_IN_TEXT, (phone) => maskPhone(phone))
    .replace(LANDLINE_IN_TEXT, (phone) => maskPhone(phone));
}

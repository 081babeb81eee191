export { bulkCipher } from './bulk-cipher.js';
export {
  type Cipher,
  CipherError,
  type CipherOptions,
  createCipher,
  isWellFormedText,
  keyIdOf,
  normalizeForIndex,
} from './cipher.js';
export { maskIdNumber, maskName, maskPhone } from './mask.js';

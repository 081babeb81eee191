import type { Random } from './random.js';

/*
 * Complainants and parties of the demo town: well-formed, and fake at a glance.
 *
 * Names are a common surname (China's most frequent ones, and Yiwu's own 楼, 金, 骆, 傅, 龚, 鲍) with a placeholder
 * given name: 三, 四, 五 … as in 张三 and 李四 (the Chinese "John Doe"), the textbook children 小明 and
 * 小红, and 某 / 某某 as court judgments anonymise people (王某某). Every one is a valid two- or three-character name
 * and no reader will take one for a real person.
 *
 * Phone numbers are mobile numbers 1[3-9]X-0000-XXXX: eleven digits with a real operator prefix, so they pass any
 * mobile-number check, and always 0000 in the middle block, a pattern a person spots at once and a test can assert.
 */

const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈楼金骆傅龚鲍',
];

const GIVEN_NAMES = [
  '三',
  '四',
  '五',
  '六',
  '七',
  '八',
  '九',
  '某',
  '某某',
  '小明',
  '小红',
  '小刚',
  '小华',
  '小丽',
  '小军',
  '小芳',
  '小强',
  '大伟',
];

/** A well-formed, obviously fake person's name. */
export function fakeName(random: Random): string {
  return random.pick(SURNAMES) + random.pick(GIVEN_NAMES);
}

/** A well-formed, obviously fake mobile number: 1[3-9]X, then 0000, then four digits. */
export function fakePhone(random: Random): string {
  // As one number: 1 · 10¹⁰ + the second and third digits · 10⁸ + the last four (the middle four stay 0).
  const operator = random.intBetween(3, 9) * 10 + random.int(10);
  return String(10_000_000_000 + operator * 100_000_000 + random.int(10_000));
}

/** The pattern every demo phone number matches (and no ordinary vocabulary does). */
export const FAKE_PHONE_PATTERN = /^1[3-9]\d0000\d{4}$/;

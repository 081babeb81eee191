/**
 * What the emerging-word detector never counts as a term: function words, the time words and boilerplate every
 * work order has (来电人反映…诉求), numbers, dates and times, punctuation and symbols, and single characters other
 * than a few that carry a complaint on their own (狗, 臭, 漏). Such tokens would never burst (they are in every
 * week's texts), but they would fill the weekly counts and glue meaningless phrases together.
 */

const FUNCTION_WORDS = [
  // pronouns and demonstratives
  '我 你 您 他 她 它 我们 你们 他们 她们 它们 咱们 自己 本人 大家 其 其中 其他 其它 该 此 这 那 这个 那个 这些 那些',
  '这里 那里 这边 那边 这样 那样 这么 那么 这种 那种 什么 怎么 怎样 如何 为何 为什么 哪 哪里 哪些 谁 某 某些 各 每 每个',
  // particles
  '的 地 得 了 着 过 吗 呢 吧 啊 呀 嘛 哦 么 之 所 等 等等 之类',
  // prepositions and conjunctions
  '在 于 对 对于 关于 把 被 让 给 向 从 自 自从 往 朝 到 由 以 为 为了 因 因为 由于 所以 因此 但 但是 而 而且 并 并且',
  '或 或者 还是 和 与 及 以及 跟 同 如果 如 虽然 即使 然后 于是 而是 不过 只是 就是 或是 以便 导致 造成',
  // adverbs and auxiliaries
  '不 没 没有 未 无 非 也 都 就 才 又 还 再 很 太 更 最 非常 十分 特别 比较 已 已经 曾 曾经 正在 一直 始终 仍 仍然 依然',
  '总是 经常 常常 多次 屡次 反复 一再 马上 立即 立刻 尽快 及时 随时 只 只有 仅 仅仅 几乎 均 能 能够 可以 可 会 要 想 应 应该',
  '是 有 做 进行 一些 一下 一样 一般 一定 一起 一个 一家 一名 一位 一次 一直 不要 不能 不会 不再 不是',
  // time words
  '今天 昨天 明天 前天 今年 去年 明年 目前 现在 当前 近期 最近 近日 近来 长期 长期以来 以来 以后 之后 之前 以前 期间 时候 时间',
  '每天 每晚 每日 天天 晚上 早上 上午 下午 中午 凌晨 夜间 夜里 白天 深夜 半夜 周末 左右 以上 以下 附近',
  // boilerplate of work orders and case summaries
  '反映 来电 来电人 来访 来访人 网民 市民 群众 诉求 要求 希望 请 请求 相关 有关 部门 问题 情况 投诉 举报 当事人',
];

const STOP_WORDS: ReadonlySet<string> = new Set(FUNCTION_WORDS.join(' ').split(' '));

/**
 * Single characters that are a term by themselves. Every other single character is dropped as a term (most are
 * parts of words jieba could not join), though a Han one may still join its neighbour in a phrase (see segment.ts).
 */
export const SINGLE_CHARACTER_TERMS: ReadonlySet<string> = new Set([...'狗猫鼠蛇蚊蝇蟑火烟臭吵漏堵塌涝霾']);

/** Numerals (Arabic and Chinese) that open a number, a date, a time, an ordinal or a quantity. */
const NUMERALS = '0-9零〇一二三四五六七八九十百千万亿两几半第';
/** Units that follow numerals in dates, times, addresses and quantities: 11月3日, 8点, 7幢, 1604室, 350元, 三次. */
const UNITS = '年月日号点时分秒周天个次元块角家位名户人层楼栋幢室米条辆件岁期届批';
const NUMBER_LIKE = new RegExp(`^[${NUMERALS}][${NUMERALS}${UNITS}.,:/%-]*$`, 'u');
/** Single characters that only ever stand for units or function words: they break a phrase like punctuation does. */
const UNIT_CHARACTERS: ReadonlySet<string> = new Set(UNITS);
const HAN = /^\p{Script=Han}$/u;
const HAS_LETTER = /\p{L}/u;

/** What a token is to the detector: a term, a character that may only join a phrase, or nothing (a break). */
export type TokenRole = 'term' | 'phrase-part' | 'break';

/**
 * The role of one normalised token (NFKC, trimmed, lower case). Breaks: stop words, tokens without a letter
 * (punctuation, numbers, emoji, symbols), numbers with units, tokens longer than `maxLength` characters. A single
 * character is a term if it is in SINGLE_CHARACTER_TERMS, a phrase part if it is another Han character, else a break.
 */
export function tokenRole(token: string, maxLength: number): TokenRole {
  if (token === '' || STOP_WORDS.has(token) || !HAS_LETTER.test(token)) {
    return 'break';
  }
  const length = token.length === 1 ? 1 : [...token].length;
  if (length > maxLength || NUMBER_LIKE.test(token)) {
    return 'break';
  }
  if (length === 1) {
    if (SINGLE_CHARACTER_TERMS.has(token)) {
      return 'term';
    }
    return HAN.test(token) && !UNIT_CHARACTERS.has(token) ? 'phrase-part' : 'break';
  }
  return 'term';
}

/** Whether a token is a stop word of the list above (not counting numbers, symbols or single characters). */
export function isStopWord(token: string): boolean {
  return STOP_WORDS.has(token);
}

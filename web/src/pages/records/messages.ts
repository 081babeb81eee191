/** The records page's strings, zh-CN first; en-US must have the same keys (a compile error otherwise). */
export const recordsZh = {
  'nav.records': '案件/投诉',
} as const;

export const recordsEn: Record<keyof typeof recordsZh, string> = {
  'nav.records': 'Records',
};

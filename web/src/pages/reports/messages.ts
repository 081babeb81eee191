/** The reports page's strings, zh-CN first; en-US must have the same keys (a compile error otherwise). */
export const reportsZh = {
  'nav.reports': '报告',
} as const;

export const reportsEn: Record<keyof typeof reportsZh, string> = {
  'nav.reports': 'Reports',
};

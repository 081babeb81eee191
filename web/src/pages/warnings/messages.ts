/** The warnings page's strings, zh-CN first; en-US must have the same keys (a compile error otherwise). */
export const warningsZh = {
  'nav.warnings': '预警中心',
} as const;

export const warningsEn: Record<keyof typeof warningsZh, string> = {
  'nav.warnings': 'Warnings',
};

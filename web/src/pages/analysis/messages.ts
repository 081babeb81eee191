/** The analysis page's strings, zh-CN first; en-US must have the same keys (a compile error otherwise). */
export const analysisZh = {
  'nav.analysis': '分析',
} as const;

export const analysisEn: Record<keyof typeof analysisZh, string> = {
  'nav.analysis': 'Analysis',
};

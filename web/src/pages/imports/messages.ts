/** The imports page's strings, zh-CN first; en-US must have the same keys (a compile error otherwise). */
export const importsZh = {
  'nav.imports': '数据导入',
} as const;

export const importsEn: Record<keyof typeof importsZh, string> = {
  'nav.imports': 'Data import',
};

/** The settings page's strings, zh-CN first; en-US must have the same keys (a compile error otherwise). */
export const settingsZh = {
  'nav.settings': '设置',
} as const;

export const settingsEn: Record<keyof typeof settingsZh, string> = {
  'nav.settings': 'Settings',
};

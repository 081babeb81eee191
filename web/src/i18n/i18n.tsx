import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { dictionaries, format, type Locale, type MessageKey } from './messages';

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

interface I18n {
  locale: Locale;
  setLocale(locale: Locale): void;
  t: Translate;
}

const STORAGE_KEY = 'shanzhi.locale';

/** Ant Design's date pickers name months and weekdays through dayjs: in the app's language. */
function setDayjsLocale(locale: Locale): void {
  dayjs.locale(locale === 'en-US' ? 'en' : 'zh-cn');
}

/** zh-CN unless the user chose en-US before (remembered in localStorage). */
export function initialLocale(): Locale {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en-US' ? 'en-US' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

const I18nContext = createContext<I18n | undefined>(undefined);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => {
    const first = initialLocale();
    setDayjsLocale(first);
    return first;
  });
  const setLocale = useCallback((next: Locale) => {
    setDayjsLocale(next);
    setLocaleState(next);
    document.documentElement.lang = next;
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // private mode: the choice lasts for this page only
    }
  }, []);
  const value = useMemo<I18n>(() => {
    const messages = dictionaries[locale];
    return { locale, setLocale, t: (key, values) => format(messages[key], values) };
  }, [locale, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) {
    throw new Error('useI18n outside I18nProvider');
  }
  return value;
}

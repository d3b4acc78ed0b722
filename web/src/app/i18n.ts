import i18next from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';

import type { Locale } from '../components/format';
import { en } from './locales/en';
import { vi } from './locales/vi';

const KEY = 'cdvn.locale';

/** Vietnamese unless the user chose English on this device. */
export function initialLocale(): Locale {
  return typeof localStorage !== 'undefined' && localStorage.getItem(KEY) === 'en' ? 'en' : 'vi';
}

void i18next.use(initReactI18next).init({
  resources: { vi: { translation: vi }, en: { translation: en } },
  lng: initialLocale(),
  fallbackLng: 'vi',
  interpolation: { escapeValue: false },
});

export function setLocale(locale: Locale): void {
  localStorage.setItem(KEY, locale);
  document.documentElement.lang = locale;
  void i18next.changeLanguage(locale);
}

/** The translation function and the current locale, for the formatters. */
export function useLocale(): { t: ReturnType<typeof useTranslation>['t']; locale: Locale } {
  const { t, i18n } = useTranslation();
  return { t, locale: i18n.language === 'en' ? 'en' : 'vi' };
}

import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json' with { type: 'json' };
import vi from './vi.json' with { type: 'json' };
// The tthc administration pages keep their messages in their own files (one top-level key).
import tthcAdminEn from './tthc-admin.en.json' with { type: 'json' };
import tthcAdminVi from './tthc-admin.vi.json' with { type: 'json' };

export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'sen.lang';

function storedLanguage(): Language {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return value === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

i18n.on('languageChanged', (language) => {
  document.documentElement.lang = language;
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
});

void i18n.use(initReactI18next).init({
  resources: { vi: { translation: { ...vi, ...tthcAdminVi } }, en: { translation: { ...en, ...tthcAdminEn } } },
  lng: storedLanguage(),
  fallbackLng: 'vi',
  interpolation: { escapeValue: false },
  returnNull: false,
});
document.documentElement.lang = i18n.language;

export function currentLanguage(): Language {
  return i18n.language === 'en' ? 'en' : 'vi';
}

export default i18n;

import i18n, { type BackendModule } from 'i18next';
import { initReactI18next } from 'react-i18next';
import vi from './vi.json' with { type: 'json' };
// The tthc administration pages keep their messages in their own files (one top-level key).
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

// English is a chunk of its own, fetched when a reader chooses it (most readers never do).
const englishOnDemand: BackendModule = {
  type: 'backend',
  init: () => undefined,
  read: (language, _namespace, callback) => {
    if (language !== 'en') return callback(null, {});
    Promise.all([import('./en.json'), import('./tthc-admin.en.json')]).then(
      ([en, tthcAdminEn]) => callback(null, { ...en.default, ...tthcAdminEn.default }),
      (error: Error) => callback(error, null),
    );
  },
};

/** Resolves once the reader's language is ready (main.tsx waits for it before the first render). */
export const i18nReady = i18n.use(englishOnDemand).use(initReactI18next).init({
  resources: { vi: { translation: { ...vi, ...tthcAdminVi } } },
  partialBundledLanguages: true,
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

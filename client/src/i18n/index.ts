import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { vi } from './vi';

export const languages = ['vi', 'en'] as const;
export type Language = (typeof languages)[number];

const STORAGE_KEY = 'ishc.language';
const DEFAULT_LANGUAGE: Language = 'vi';

function isLanguage(value: unknown): value is Language {
  return languages.includes(value as Language);
}

function storedLanguage(): Language {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE;
  }
}

export function currentLanguage(): Language {
  return isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : DEFAULT_LANGUAGE;
}

/** English is fetched only by those who choose it: a phone in Vietnamese never downloads it. */
async function loadMessages(language: Language): Promise<void> {
  if (language === DEFAULT_LANGUAGE || i18n.hasResourceBundle(language, 'translation')) return;
  i18n.addResourceBundle(language, 'translation', (await import('./en')).en);
}

/** The areas' Vietnamese messages (English has them all); the signed-in shell waits for them. */
export async function loadAreaMessages(): Promise<void> {
  const { areasVi } = await import('./areas.vi');
  i18n.addResourceBundle(DEFAULT_LANGUAGE, 'translation', areasVi, true, true);
}

export async function changeLanguage(language: Language): Promise<void> {
  await loadMessages(language);
  await i18n.changeLanguage(language);
}

i18n.on('languageChanged', (language) => {
  document.documentElement.lang = language;
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Private browsing may refuse storage; the choice then lasts for this visit only.
  }
});

const chosenLanguage = storedLanguage();

void i18n.use(initReactI18next).init({
  resources: { vi: { translation: vi } },
  lng: chosenLanguage,
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: [...languages],
  initAsync: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});

document.documentElement.lang = currentLanguage();

/**
 * Settles once the chosen language can be shown; the first render waits for it, so English
 * readers see no Vietnamese flash. Without a connection English cannot be fetched: the pages
 * then show in Vietnamese and the choice stays stored for the next visit.
 */
export const languageReady: Promise<void> = changeLanguage(chosenLanguage).catch(() => undefined);

export { i18n };

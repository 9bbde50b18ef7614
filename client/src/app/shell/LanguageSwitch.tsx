import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { changeLanguage, currentLanguage, languages, type Language } from '../../i18n';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const value = i18n.resolvedLanguage === 'en' ? 'en' : currentLanguage();

  return (
    <SegmentedControl<Language>
      value={value}
      // Offline, English may not be fetched: the switch then stays on Tiếng Việt.
      onChange={(language) => void changeLanguage(language).catch(() => undefined)}
      data={languages.map((language) => ({
        value: language,
        label: (
          <span lang={language} data-testid={`language-option-${language}`}>
            {t(`language.${language}`)}
          </span>
        ),
      }))}
      size="sm"
      radius="md"
      aria-label={t('language.label')}
      data-testid="language-switch"
    />
  );
}

import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language } from './index';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <div className="header-field">
      <label htmlFor="language-switch">{t('header.language')}</label>
      <select
        id="language-switch"
        data-testid="language-switch"
        value={i18n.resolvedLanguage}
        onChange={(e) => void i18n.changeLanguage(e.target.value as Language)}
      >
        {LANGUAGES.map((lang) => (
          <option key={lang} value={lang} lang={lang}>
            {t(`language.${lang}`)}
          </option>
        ))}
      </select>
    </div>
  );
}

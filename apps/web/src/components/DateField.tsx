import { TextInput, type TextInputProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * A date typed as dd/mm/yyyy whatever the browser's locale (native date inputs follow the
 * browser UI language, not the page's). Parse the submitted value with `parseDate`.
 */
export function DateField(props: Omit<TextInputProps, 'type'>) {
  const { t } = useTranslation();
  return <TextInput inputMode="numeric" placeholder={t('form.datePlaceholder')} autoComplete="off" maxLength={10} {...props} />;
}

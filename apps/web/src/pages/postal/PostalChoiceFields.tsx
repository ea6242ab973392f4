import { Radio, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CodeListItem } from '../../api/catalog.ts';
import { CatalogueSelect } from '../../components/eform/CatalogueSelect.tsx';
import { byPost, type PostalChoiceDraft, type PostalChoiceErrors } from './choice.ts';

interface Props {
  value: PostalChoiceDraft;
  onChange: (value: PostalChoiceDraft) => void;
  errors: PostalChoiceErrors;
}

const isCommune = (item: CodeListItem): boolean => (item.extra as { level?: string } | null)?.level === 'commune';

/**
 * How the applicant sends the papers (online, at the desk, by a VNPost pickup) and receives the
 * result (desk, online, post); by post, who receives and where: the ward or commune is picked
 * from the 102 of the shared catalogue of administrative units.
 */
export function PostalChoiceFields({ value, onChange, errors }: Props) {
  const { t } = useTranslation();
  const field = (key: 'name' | 'phone' | 'line') => ({
    id: `postal-${key}`,
    value: value[key],
    error: errors[key],
    onChange: (e: { currentTarget: { value: string } }) => onChange({ ...value, [key]: e.currentTarget.value }),
  });
  return (
    <Stack gap="md">
      <MethodGroup way="submit" methods={['online', 'desk', 'post']} value={value.submit} onChange={(submit) => onChange({ ...value, submit: submit as PostalChoiceDraft['submit'] })} />
      <MethodGroup way="receive" methods={['desk', 'online', 'post']} value={value.receive} onChange={(receive) => onChange({ ...value, receive: receive as PostalChoiceDraft['receive'] })} />
      {byPost(value) && (
        <Stack gap="sm" role="group" aria-labelledby="postal-address-title">
          <Text size="sm" fw={600} id="postal-address-title">{t('postal.address.title')}</Text>
          <Text size="sm" c="dimmed">{t('postal.address.postageHint')}</Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput {...field('name')} label={t('postal.address.name')} required maxLength={150} autoComplete="name" />
            <TextInput {...field('phone')} label={t('postal.address.phone')} required type="tel" maxLength={15} autoComplete="tel" />
          </SimpleGrid>
          <TextInput {...field('line')} label={t('postal.address.line')} description={t('postal.address.lineHint')} required maxLength={255} autoComplete="street-address" />
          <CatalogueSelect
            id="postal-commune"
            list="administrative-units"
            label={t('postal.address.commune')}
            description={t('postal.address.communeHint')}
            required
            only={isCommune}
            error={errors.communeCode}
            value={value.communeCode}
            onChange={(code) => onChange({ ...value, communeCode: typeof code === 'string' ? code : '' })}
          />
        </Stack>
      )}
    </Stack>
  );
}

/** One way (submitting the papers, receiving the result) and its methods, as radio buttons. */
function MethodGroup({ way, methods, value, onChange }: { way: 'submit' | 'receive'; methods: string[]; value: string; onChange: (method: string) => void }) {
  const { t } = useTranslation();
  return (
    <Radio.Group id={`postal-${way}`} label={t(`postal.${way}.label`)} value={value} onChange={onChange}>
      <Stack gap={6} mt="xs">
        {methods.map((method) => <Radio key={method} value={method} label={t(`postal.${way}.${method}`)} />)}
      </Stack>
    </Radio.Group>
  );
}

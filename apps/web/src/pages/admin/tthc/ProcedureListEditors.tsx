import { Checkbox, NumberInput, Select, SimpleGrid, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../../components/DateField.tsx';
import { blankFee, blankLegalBasis, blankPart, LIMITS, type Errors, type FeeDraft, type LegalBasisDraft, type PartDraft } from './drafts.ts';
import { ListEditor } from './ListEditor.tsx';
import { monoInput, vndInput } from './styles.ts';

interface ListProps<T> {
  items: T[];
  onChange: (items: T[]) => void;
  errors: Errors;
  /** Where the list sits in the request body: `fees`, or `fees` of an offering. */
  path?: string;
  legend?: string;
  description?: string;
}


/** Fees and charges (phí, lệ phí): of a procedure, or an offering's own schedule. */
export function FeesEditor({ items, onChange, errors, path = 'fees', legend, description }: ListProps<FeeDraft>) {
  const { t } = useTranslation();
  return (
    <ListEditor
      legend={legend ?? t('tthcAdmin.procedure.fees')}
      description={description}
      items={items}
      onChange={onChange}
      create={blankFee}
      addLabel={t('tthcAdmin.fee.add')}
      itemLabel={(i) => t('tthcAdmin.fee.item', { n: i + 1 })}
      max={LIMITS.fees}
      error={errors[path]}
    >
      {(fee, update, i) => (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
          <Select
            label={t('tthcAdmin.fee.kind')}
            data={(['fee', 'charge'] as const).map((kind) => ({ value: kind, label: t(`tthcAdmin.feeKind.${kind}`) }))}
            value={fee.kind}
            onChange={(kind) => kind && update({ kind: kind as FeeDraft['kind'] })}
            allowDeselect={false}
            error={errors[`${path}[${i}].kind`]}
          />
          <TextInput label={t('tthcAdmin.fee.name')} value={fee.name} onChange={(e) => update({ name: e.currentTarget.value })} required maxLength={300} error={errors[`${path}[${i}].name`]} />
          <NumberInput label={t('tthcAdmin.fee.amount')} value={fee.amountVnd} onChange={(amountVnd) => update({ amountVnd })} required {...vndInput} error={errors[`${path}[${i}].amountVnd`]} />
          <TextInput label={t('tthcAdmin.fee.note')} value={fee.note} onChange={(e) => update({ note: e.currentTarget.value })} maxLength={1000} error={errors[`${path}[${i}].note`]} />
        </SimpleGrid>
      )}
    </ListEditor>
  );
}

/** The documents an applicant hands in (thành phần hồ sơ), each optionally filled in as an e-form. */
export function PartsEditor({ items, onChange, errors, formKeys }: ListProps<PartDraft> & { formKeys: { value: string; label: string }[] }) {
  const { t } = useTranslation();
  return (
    <ListEditor
      legend={t('tthcAdmin.procedure.parts')}
      items={items}
      onChange={onChange}
      create={blankPart}
      addLabel={t('tthcAdmin.part.add')}
      itemLabel={(i) => t('tthcAdmin.part.item', { n: i + 1 })}
      max={LIMITS.parts}
      error={errors.parts}
    >
      {(part, update, i) => (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
          <TextInput
            label={t('tthcAdmin.part.code')}
            description={t('tthcAdmin.part.codeHint')}
            value={part.code}
            onChange={(e) => update({ code: e.currentTarget.value })}
            required
            maxLength={40}
            styles={monoInput}
            error={errors[`parts[${i}].code`]}
          />
          <TextInput label={t('tthcAdmin.part.name')} value={part.name} onChange={(e) => update({ name: e.currentTarget.value })} required maxLength={500} error={errors[`parts[${i}].name`]} />
          <NumberInput label={t('tthcAdmin.part.originals')} value={part.originals} onChange={(originals) => update({ originals })} min={0} max={LIMITS.copies} allowDecimal={false} allowNegative={false} error={errors[`parts[${i}].originals`]} />
          <NumberInput label={t('tthcAdmin.part.copies')} value={part.copies} onChange={(copies) => update({ copies })} min={0} max={LIMITS.copies} allowDecimal={false} allowNegative={false} error={errors[`parts[${i}].copies`]} />
          <Select
            label={t('tthcAdmin.part.formKey')}
            description={t('tthcAdmin.part.formKeyHint')}
            data={formKeys}
            value={part.formKey}
            onChange={(formKey) => update({ formKey })}
            searchable
            clearable
            nothingFoundMessage={t('common.noMatch')}
            error={errors[`parts[${i}].formKey`]}
          />
          <Checkbox mt={{ sm: 'xl' }} label={t('tthcAdmin.part.required')} checked={part.required} onChange={(e) => update({ required: e.currentTarget.checked })} />
        </SimpleGrid>
      )}
    </ListEditor>
  );
}

/** Legal bases (căn cứ pháp lý): number, title and date of issue of each document. */
export function LegalBasesEditor({ items, onChange, errors }: ListProps<LegalBasisDraft>) {
  const { t } = useTranslation();
  return (
    <ListEditor
      legend={t('tthcAdmin.procedure.legalBases')}
      items={items}
      onChange={onChange}
      create={blankLegalBasis}
      addLabel={t('tthcAdmin.legalBasis.add')}
      itemLabel={(i) => t('tthcAdmin.legalBasis.item', { n: i + 1 })}
      max={LIMITS.legalBases}
      error={errors.legalBases}
    >
      {(basis, update, i) => (
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
          <TextInput label={t('tthcAdmin.legalBasis.number')} placeholder="60/2014/QH13" value={basis.number} onChange={(e) => update({ number: e.currentTarget.value })} required maxLength={100} error={errors[`legalBases[${i}].number`]} />
          <TextInput label={t('tthcAdmin.legalBasis.title')} value={basis.title} onChange={(e) => update({ title: e.currentTarget.value })} required maxLength={500} error={errors[`legalBases[${i}].title`]} />
          <DateField label={t('tthcAdmin.legalBasis.issuedOn')} value={basis.issuedOn} onChange={(e) => update({ issuedOn: e.currentTarget.value })} error={errors[`legalBases[${i}].issuedOn`]} />
        </SimpleGrid>
      )}
    </ListEditor>
  );
}

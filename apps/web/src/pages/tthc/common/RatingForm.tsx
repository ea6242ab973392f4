import { Alert, Button, Radio, Stack, Text, Textarea } from '@mantine/core';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_RATING_COMMENT, type Rating, type RatingInput, type RatingScore } from '../../../api/tthc.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { TthcErrorAlert } from './TthcErrorAlert.tsx';

/** The five levels, most satisfied first, as public-service satisfaction surveys list them. */
export const RATING_SCORES: readonly RatingScore[] = [5, 4, 3, 2, 1];

interface Props {
  /** Prefix of element ids (two forms never share a page, but ids stay unique anyway). */
  id: string;
  onRate: (input: RatingInput) => void;
  pending: boolean;
  error: unknown;
  /** Fields shown before the levels (the look-up page asks the dossier code and secret). */
  before?: ReactNode;
  /** Called on submit: whether those fields are valid (they show their own errors). */
  onAttempt?: () => boolean;
}

/** Satisfaction with a returned dossier: one of five levels (a labelled radio group) and an optional comment. */
export function RatingForm({ id, onRate, pending, error, before, onAttempt }: Props) {
  const { t } = useTranslation();
  const [score, setScore] = useState<string>('');
  const [comment, setComment] = useState('');
  const [touched, setTouched] = useState(false);
  const scoreError = touched && !score ? t('tthc.rating.scoreRequired') : undefined;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    const othersValid = onAttempt?.() ?? true;
    if (!score || !othersValid) return;
    const text = comment.trim();
    onRate({ score: Number(score) as RatingScore, ...(text ? { comment: text } : {}) });
  };
  return (
    <form onSubmit={onSubmit} noValidate id={`${id}-form`}>
      <Stack gap="sm">
      {before}
      <Radio.Group id={`${id}-score`} name={`${id}-score`} label={t('tthc.rating.question')} required value={score} onChange={setScore} error={scoreError}>
        <Stack gap={6} mt="xs">
          {RATING_SCORES.map((s) => (
            <Radio key={s} value={String(s)} label={t(`tthc.rating.scores.${s}`)} data-score={s} />
          ))}
        </Stack>
      </Radio.Group>
      <Textarea
        id={`${id}-comment`}
        label={t('tthc.rating.comment')}
        description={t('tthc.rating.commentHint', { count: MAX_RATING_COMMENT - comment.length })}
        autosize
        minRows={3}
        maxLength={MAX_RATING_COMMENT}
        value={comment}
        onChange={(e) => setComment(e.currentTarget.value.split('\u0000').join(''))}
      />
      <TthcErrorAlert error={error} />
        <div>
          <Button type="submit" loading={pending}>{t('tthc.rating.submit')}</Button>
        </div>
      </Stack>
    </form>
  );
}

/** A rating given: final, shown as given. */
export function RatingGiven({ rating }: { rating: Rating }) {
  const { t } = useTranslation();
  return (
    <Alert color="green" variant="light" title={t('tthc.rating.thanks')} role="status" data-rating={rating.score}>
      <Text size="sm">{t('tthc.rating.given', { level: t(`tthc.rating.scores.${rating.score}`), at: formatDateTime(rating.ratedAt) })}</Text>
      {rating.comment && <Text size="sm" mt={4}>“{rating.comment}”</Text>}
    </Alert>
  );
}

import { Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AllowedStep, Dossier, DossierCommand, Procedure } from '../../../api/tthc.ts';
import { ReasonDialog } from '../common/ReasonDialog.tsx';
import { useTransitionLabel } from '../common/status.tsx';
import { TthcErrorAlert } from '../common/TthcErrorAlert.tsx';
import { useDossierAction } from '../common/useDossierAction.ts';
import { AcceptDialog } from './actions/AcceptDialog.tsx';
import { ApologiseDialog } from './actions/ApologiseDialog.tsx';
import { AssignDialog } from './actions/AssignDialog.tsx';
import { AttachResultDialog } from './actions/AttachResultDialog.tsx';
import { RejectDialog } from './actions/RejectDialog.tsx';
import { ReturnDialog } from './actions/ReturnDialog.tsx';
import { SupplementDialog } from './actions/SupplementDialog.tsx';
import type { DialogProps } from './actions/types.ts';

type Open =
  | { kind: 'transition'; step: AllowedStep; action: AllowedStep['actions'][number] }
  | { kind: 'assign'; step: AllowedStep }
  | { kind: 'accept' | 'request_supplement' | 'reject' | 'apologise' | 'return' | 'attach_result' | 'pause' | 'stop' | 'cancel' | 'comment' };

/** Actions taken at once (no input needed); every other action opens a dialog (accept: the checklist of parts). */
const IMMEDIATE = ['resume', 'request_payment'] as const;
/** One-stop actions in the order officials expect them; applicant-side ones (resubmit) are shown elsewhere. */
const ORDER = ['accept', 'request_payment', 'request_supplement', 'reject', 'attach_result', 'return', 'pause', 'resume', 'apologise', 'stop', 'cancel', 'comment'] as const;
const DANGER: readonly string[] = ['reject', 'stop', 'cancel'];

type ReasonKind = 'pause' | 'stop' | 'cancel' | 'comment';
const REASON_KINDS: readonly string[] = ['pause', 'stop', 'cancel', 'comment'];
const isReasonKind = (kind: string): kind is ReasonKind => REASON_KINDS.includes(kind);
/** Ending for good: read the consequence before confirming. */
const FINAL: readonly string[] = ['stop', 'cancel'];

/**
 * The buttons are exactly what the server says this official may do now (`allowed`): one-stop
 * actions and each active step's transitions, labelled by the process definition (in English by
 * the catalogue where it knows the transition code).
 */
export function ActionPanel({ dossier, procedure }: { dossier: Dossier; procedure: Procedure | undefined }) {
  const { t, i18n } = useTranslation();
  const transitionLabel = useTransitionLabel();
  // A step's name is data from the process definition, which may carry an English name.
  const stepName = (step: { stepName: string; stepNameEn?: string }) => (i18n.language === 'en' && step.stepNameEn) || step.stepName;
  const [open, setOpen] = useState<Open | null>(null);
  const act = useDossierAction(dossier, () => setOpen(null));
  const close = () => {
    setOpen(null);
    act.reset();
  };
  const dialog = { onClose: close, onSubmit: (command: DossierCommand) => act.mutate(command), pending: act.isPending, error: act.error };
  const actions = ORDER.filter((a) => dossier.allowed.actions.includes(a));
  const steps = dossier.allowed.steps;

  if (actions.length === 0 && steps.length === 0) return <Text size="sm" c="dimmed">{t('tthc.workspace.nothingToDo')}</Text>;
  return (
    <Stack gap="sm">
      {steps.map((step) => (
        <Group key={step.stepId} gap="xs" wrap="wrap" aria-label={stepName(step)} role="group">
          <Text size="sm" fw={600} miw={160}>{stepName(step)}:</Text>
          {step.actions.map((action) => (
            <Button key={action.action} onClick={() => setOpen({ kind: 'transition', step, action })} data-transition={action.action}>
              {transitionLabel(action.action, action.label, action.labelEn)}
            </Button>
          ))}
          <Button variant="subtle" onClick={() => setOpen({ kind: 'assign', step })}>{t('tthc.assign.button')}</Button>
        </Group>
      ))}
      {actions.length > 0 && (
        <Group gap="xs" wrap="wrap">
          {actions.map((action) =>
            (IMMEDIATE as readonly string[]).includes(action) ? (
              <Button key={action} loading={act.isPending && act.variables?.action === action} onClick={() => act.mutate({ action } as DossierCommand)} data-action={action}>
                {t(`tthc.actionLabels.${action}`)}
              </Button>
            ) : (
              <Button key={action} variant={action === 'return' ? 'filled' : 'light'} color={DANGER.includes(action) ? 'red' : undefined} onClick={() => setOpen({ kind: action } as Open)} data-action={action}>
                {t(`tthc.actionLabels.${action}`)}
              </Button>
            ),
          )}
        </Group>
      )}
      {!open && <TthcErrorAlert error={act.error} />}
      {open?.kind === 'transition' && (
        <ReasonDialog
          title={`${stepName(open.step)}: ${transitionLabel(open.action.action, open.action.label, open.action.labelEn)}`}
          label={open.action.requiresComment ? t('tthc.transition.commentRequired') : t('tthc.transition.comment')}
          optional={!open.action.requiresComment}
          confirmLabel={transitionLabel(open.action.action, open.action.label, open.action.labelEn)}
          onClose={close}
          pending={act.isPending}
          error={act.error}
          onConfirm={(comment) => act.mutate({ action: 'transition', stepId: open.step.stepId, transition: open.action.action, comment: comment || undefined })}
        />
      )}
      {open?.kind === 'assign' && <AssignDialog dossierId={dossier.id} stepId={open.step.stepId} stepName={stepName(open.step)} {...dialog} />}
      {open?.kind === 'accept' && <AcceptDialog dossier={dossier} parts={procedure?.parts ?? []} {...dialog} />}
      {open?.kind === 'request_supplement' && <SupplementDialog parts={procedure?.parts ?? []} {...dialog} />}
      {open?.kind === 'reject' && <RejectDialog {...dialog} />}
      {open?.kind === 'apologise' && <ApologiseDialog dueDate={dossier.dueDate} {...dialog} />}
      {open?.kind === 'return' && <ReturnDialog defaultMethod={dossier.channel === 'counter' ? 'desk' : 'online'} {...dialog} />}
      {open?.kind === 'attach_result' && <AttachResultDialog {...dialog} />}
      {open && isReasonKind(open.kind) && <ReasonAction kind={open.kind} {...dialog} />}
    </Stack>
  );
}

/** Pause, stop (Form 05), cancel and an internal comment: one text, then the command. */
function ReasonAction({ kind, onClose, onSubmit, pending, error }: { kind: ReasonKind } & DialogProps) {
  const { t } = useTranslation();
  return (
    <ReasonDialog
      title={t(`tthc.actionLabels.${kind}`)}
      label={t(`tthc.reasonLabels.${kind}`)}
      confirmLabel={t(`tthc.actionLabels.${kind}`)}
      color={FINAL.includes(kind) ? 'red' : undefined}
      warning={FINAL.includes(kind) ? t(`tthc.${kind}.warning`) : undefined}
      onClose={onClose}
      pending={pending}
      error={error}
      onConfirm={(text) => onSubmit(kind === 'comment' ? { action: 'comment', text } : { action: kind, reason: text })}
    />
  );
}

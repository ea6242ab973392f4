import type { DossierCommand } from '../../../../api/tthc.ts';

/** What every action dialog receives: send the command, or close. */
export interface DialogProps {
  onClose: () => void;
  onSubmit: (command: DossierCommand) => void;
  pending: boolean;
  error: unknown;
}

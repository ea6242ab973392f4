import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { newIdempotencyKey, tthcApi, type Dossier, type DossierCommand } from '../../../api/tthc.ts';
import { isVersionConflict } from './errors.ts';

/**
 * Acts on a dossier at the version on screen. The same command pressed again (after a network
 * failure) reuses its idempotency key, so it cannot happen twice; a different command gets a new
 * key. On a version conflict the dossier is reloaded and the error says someone else changed it.
 */
export function useDossierAction(dossier: Pick<Dossier, 'id' | 'version'>, onDone?: (updated: Dossier) => void) {
  const queryClient = useQueryClient();
  const last = useRef<{ signature: string; key: string } | null>(null);
  // The dossier (with its history and control sheet) and every list it may appear in.
  const refresh = () => Promise.all([['tthc', 'dossier'], ['tthc', 'queue'], ['tthc', 'mine']].map((queryKey) => queryClient.invalidateQueries({ queryKey })));
  return useMutation({
    mutationFn: (command: DossierCommand) => {
      const signature = JSON.stringify([dossier.id, dossier.version, command]);
      if (last.current?.signature !== signature) last.current = { signature, key: newIdempotencyKey() };
      return tthcApi.act(dossier.id, command, dossier.version, last.current.key);
    },
    onSuccess: (updated) => {
      last.current = null;
      void refresh();
      onDone?.(updated);
    },
    onError: (error) => {
      if (isVersionConflict(error)) void refresh();
    },
  });
}

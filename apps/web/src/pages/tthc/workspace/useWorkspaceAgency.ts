import { useQuery } from '@tanstack/react-query';
import { catalogApi } from '../../../api/catalog.ts';
import { useAuth } from '../../../auth/AuthProvider.tsx';

const STORAGE_KEY = 'sen.tthc.agency';
/** The demo officials hold a province-wide grant; they start at a commune that offers civil-status procedures. */
const DEMO_COMMUNE = 'TAM.H19.X001';

export function rememberAgency(agencyId: string): void {
  try {
    localStorage.setItem(STORAGE_KEY, agencyId);
  } catch {
    // Private mode: remembered for this page only.
  }
}

function remembered(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

/**
 * The agency whose queues an official sees by default: the last one chosen, else the agency of
 * a single-agency grant, else (a grant over a whole subtree) the demo commune when it exists,
 * else the grant's own agency.
 */
export function useDefaultAgency(): string | null {
  const { me } = useAuth();
  const agencies = useQuery({ queryKey: ['catalog', 'agencies'], queryFn: catalogApi.agencies, staleTime: 5 * 60_000 });
  const last = remembered();
  if (last) return last;
  const grants = me?.grants ?? [];
  const single = grants.find((g) => g.scope === 'agency');
  if (single) return single.agencyId;
  if (grants.length === 0 || !agencies.data) return null;
  return agencies.data.items.find((a) => a.code === DEMO_COMMUNE)?.id ?? grants[0]!.agencyId;
}

/** The agency, when it is a Public Administration Service Centre (it receives any procedure of the province). */
export function useServiceCentre(agencyId: string | null): { id: string; name: string } | undefined {
  const agencies = useQuery({ queryKey: ['catalog', 'agencies'], queryFn: catalogApi.agencies, staleTime: 5 * 60_000, enabled: agencyId !== null });
  const agency = agencies.data?.items.find((a) => a.id === agencyId);
  return agency && (agency.kind as string) === 'service_centre' ? { id: agency.id, name: agency.name } : undefined;
}

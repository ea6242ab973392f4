import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { catalogApi } from '../../api/catalog.ts';
import { lgspApi, type LgspMember, type LgspSubsystem } from '../../api/lgsp.ts';
import { useAuth } from '../../auth/AuthProvider.tsx';

const MANAGE = 'lgsp.manage';

/**
 * The registry as the viewer administers it: the agencies where they hold `lgsp.manage` (an
 * agency grant, or a subtree grant with its descendants), and the members and subsystems of those.
 * Only a convenience for choosing: every service checks the scope again.
 */
export function useLgspScope() {
  const { me } = useAuth();
  const agencies = useQuery({ queryKey: ['catalog', 'agencies'], queryFn: catalogApi.agencies });
  const members = useQuery({ queryKey: ['lgsp', 'members'], queryFn: lgspApi.members });
  const subsystems = useQuery({ queryKey: ['lgsp', 'subsystems'], queryFn: lgspApi.subsystems });
  return useMemo(() => {
    const list = agencies.data?.items ?? [];
    const children = new Map<string, string[]>();
    for (const a of list) if (a.parentId) children.set(a.parentId, [...(children.get(a.parentId) ?? []), a.id]);
    const mine = new Set<string>();
    const addTree = (id: string) => {
      mine.add(id);
      for (const child of children.get(id) ?? []) addTree(child);
    };
    for (const grant of me?.grants ?? []) {
      if (!grant.permissions.includes(MANAGE)) continue;
      if (grant.scope === 'subtree') addTree(grant.agencyId);
      else mine.add(grant.agencyId);
    }
    const myMembers: LgspMember[] = (members.data ?? []).filter((m) => mine.has(m.agencyId));
    const memberIds = new Set(myMembers.map((m) => m.id));
    const mySubsystems: LgspSubsystem[] = (subsystems.data ?? []).filter((s) => memberIds.has(s.memberId));
    return {
      isPending: agencies.isPending || members.isPending || subsystems.isPending,
      error: agencies.error ?? members.error ?? subsystems.error,
      agencies: list.filter((a) => mine.has(a.id)),
      allMembers: members.data ?? [],
      allSubsystems: subsystems.data ?? [],
      myMembers,
      mySubsystems,
    };
  }, [me, agencies.data, agencies.isPending, agencies.error, members.data, members.isPending, members.error, subsystems.data, subsystems.isPending, subsystems.error]);
}

/** The X-Road service id the gateway path names (the registry's id without its version). */
export const gatewayServiceId = (xroadId: string) => xroadId.replace(/\/v\d+$/, '');

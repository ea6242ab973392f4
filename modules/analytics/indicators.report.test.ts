import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { lgspCounts } from './indicators.report.ts';

type Registry = Parameters<typeof lgspCounts>[0];

describe('the LGSP counts of KPI 10', () => {
  it('counts the departments in scope whose member publishes at least one service', async () => {
    const registry = {
      listMembers: async () => [{ id: 'm1', agencyId: 'dep-a' }, { id: 'm2', agencyId: 'dep-b' }, { id: 'm3', agencyId: 'commune' }, { id: 'm4', agencyId: 'dep-c' }],
      listSubsystems: async () => [{ id: 's1', memberId: 'm1' }, { id: 's2', memberId: 'm2' }, { id: 's3', memberId: 'm3' }, { id: 's4', memberId: 'm4' }],
      // Only published services are asked for: dep-c's draft service does not count.
      listServices: async (status?: string) => (status === 'published' ? [{ subsystemId: 's1' }, { subsystemId: 's1' }, { subsystemId: 's3' }] : [{ subsystemId: 's4' }]),
    } as unknown as Registry;
    // dep-a publishes (twice: still one department); the commune publishes but is not a department; dep-b and dep-c do not; dep-d has no member.
    assert.deepEqual(await lgspCounts(registry, ['dep-a', 'dep-b', 'dep-c', 'dep-d']), { departments: 4, departmentsIntegrated: 1 });
    assert.deepEqual(await lgspCounts(registry, []), { departments: 0, departmentsIntegrated: 0 });
  });
});

import { api } from './client.ts';
import type { Schema } from './schemas.ts';

export type LgspServiceHealth = Schema<'LgspServiceHealth'>;

export const lgspMonitoringApi = {
  health: (query: { from?: string; to?: string }) => api.get<LgspServiceHealth[]>('/api/lgsp/monitoring/health', { ...query }),
};

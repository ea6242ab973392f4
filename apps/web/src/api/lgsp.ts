import { api } from './client.ts';

// TODO(lead): Schema<'LgspServiceHealth'> once openapi.json is regenerated.
export interface LgspServiceHealth {
  service: string;
  successCount: number;
  failureCount: number;
  lastSuccessTs: string | null;
  lastFailureTs: string | null;
  durationMinMs: number;
  durationAvgMs: number;
  durationMaxMs: number;
  durationP95Ms: number;
}

export const lgspMonitoringApi = {
  health: (query: { from?: string; to?: string }) => api.get<LgspServiceHealth[]>('/api/lgsp/monitoring/health', { ...query }),
};

import { Type } from 'typebox';
import { Nullable, agency, period } from './one-stop.schemas.ts';

const Bilingual = Type.Object({ vi: Type.String(), en: Type.String() });

export const IndicatorsQuery = Type.Object({ period, agency: Type.Optional(agency) }, { additionalProperties: false, $id: 'IndicatorsQuery' });

const IndexIndicatorResult = Type.Object({
  id: Type.String(), group: Type.String(), name: Bilingual, formula: Type.String(), unit: Type.String(),
  observable: Type.Boolean(),
  value: Nullable(Type.Number({ description: 'The measured value in the indicator\'s unit; null when not observable or nothing to divide by' })),
  points: Nullable(Type.Number()), maxPoints: Nullable(Type.Number()),
  note: Nullable(Type.String({ description: 'How Sen\'s measure differs from the definition, or why the indicator is not observable and which system would feed it' })),
});

const IndexGroupResult = Type.Object({
  group: Type.String(), name: Bilingual, maxPoints: Type.Number(),
  points: Type.Number({ description: 'Points of the indicators Sen measured' }),
  measuredMax: Type.Number({ description: 'The most those indicators could earn: the score is out of this' }),
});

const KpiResult = Type.Object({
  id: Type.String(), name: Bilingual, formula: Type.String(), unit: Type.String(), observable: Type.Boolean(),
  value: Nullable(Type.Number()), previous: Nullable(Type.Number({ description: 'The same period a year before' })), change: Nullable(Type.Number()),
  target: Nullable(Type.Number({ description: 'The 2030 target, when numeric' })), gap: Nullable(Type.Number()), met: Nullable(Type.Boolean()),
  trend: Nullable(Type.Union([Type.Literal('towards'), Type.Literal('away'), Type.Literal('flat')])),
  note: Nullable(Type.String()),
});

export const IndicatorsSchema = Type.Object({
  period: Type.String(), agency: Type.Object({ id: Type.String(), name: Type.String() }),
  index: Type.Object({
    points: Type.Number(), measuredMax: Type.Number(), maxPoints: Type.Number(),
    groups: Type.Array(IndexGroupResult), indicators: Type.Array(IndexIndicatorResult),
  }, { description: 'The service-quality index of Decision 766/QĐ-TTg as far as Sen observes it (docs/service-quality-index.md)' }),
  kpis: Type.Array(KpiResult, { description: 'The framework\'s indicators with their 2030 targets (docs/kpis.md)' }),
}, { $id: 'Indicators' });

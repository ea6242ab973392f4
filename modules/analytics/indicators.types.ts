/** The shapes of the index and KPI definitions (data in indicators.qd766.ts and indicators.kpis.ts). */

/** The measures indicators.ts can compute (MEASURES there implements each one). */
export type MeasureId =
  | 'onTimeRate' | 'portalOnTimeRate' | 'processingDaysAverage' | 'onlineShare' | 'contactlessShare' | 'fullyOnlineShare'
  | 'onlinePaymentShare' | 'digitisedShare' | 'dossierSatisfaction' | 'syncedShare' | 'electronicResultShare'
  | 'reusedDataShare' | 'populationDataShare' | 'onlineProcedureShare' | 'fullyOnlineProcedureShare'
  | 'feeProceduresPayableOnlineShare' | 'feeProceduresPaidOnlineShare' | 'lgspDepartmentShare';

export interface Bilingual {
  vi: string;
  en: string;
}

/**
 * How sure a definition is: `official` read in the decision or the seed, or in a government
 * site's summary of it; `secondary` from third-party reconstructions of what the national portal
 * computes; `unconfirmed` a reasoned default nobody published (a value to replace when found).
 */
export type Confidence = 'official' | 'secondary' | 'unconfirmed';

export interface SourceRef {
  document: string;
  /** Article, appendix row, seed lines or address. */
  where: string;
  confidence: Confidence;
}

/** Either Sen measures it (and how close to the definition), or which system would feed it. */
export type Observation =
  | {
      observable: true;
      measure: MeasureId;
      /** Where Sen's measure differs from the definition; null when it is the definition. */
      approximation: string | null;
    }
  | {
      observable: false;
      /** The system that holds the data. */
      feeder: string;
      /** True when that system is (or will be) part of Sen, so the indicator becomes observable once wired. */
      feederInSen: boolean;
      why: string;
    };

export interface Scoring {
  maxPoints: number;
  maxPointsConfidence: Confidence;
  /** Full points from this percentage up, in proportion below it. */
  fullAt: number;
  fullAtConfidence: Confidence;
}

/**
 * The national portal shows six groups; the decision has five: "cung cấp dịch vụ trực tuyến" (22)
 * is shown as online services (12) and online payment (10).
 */
export type IndexGroupId = 'transparency' | 'progress' | 'online_services' | 'online_payment' | 'digitisation' | 'satisfaction';

export interface IndexGroup {
  id: IndexGroupId;
  name: Bilingual;
  maxPoints: number;
  /** The group of the decision (1–5, in the decision's order) it belongs to. */
  decisionGroup: 1 | 2 | 3 | 4 | 5;
  sources: SourceRef[];
}

export interface IndexIndicator {
  /** `766.<group>.<n>` after the portal's numbering (1.1 … 5.4). */
  id: string;
  group: IndexGroupId;
  name: Bilingual;
  /** The formula in words, as the decision and the portal define it. */
  formula: string;
  unit: '%' | 'working days';
  /** Null: shown and monitored, not scored. */
  scoring: Scoring | null;
  observation: Observation;
  sources: SourceRef[];
}

export type KpiTarget = { kind: 'at_least'; value: number } | { kind: 'milestone'; text: string };

export interface FrameworkKpi {
  /** `kpi.<table row>` for the seed's 2025–2045 table (section V), `kpi.<name>` otherwise. */
  id: string;
  name: Bilingual;
  formula: string;
  unit: '%' | 'index' | 'milestone';
  target2025: KpiTarget | null;
  /** Null when the seed sets no number for 2030 (the KPI is then tracked, not judged). */
  target2030: KpiTarget | null;
  observation: Observation;
  sources: SourceRef[];
}

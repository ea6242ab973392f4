import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { createOutboundCalls, type OutboundCalls } from './outbound.ts';

/**
 * The process's Prometheus registry. Metrics are per process (per replica): counters and
 * histograms describe this replica's traffic, while the gauges read from the database at
 * scrape time (job queues, business gauges) show the same values on every replica.
 */
export interface Metrics {
  contentType: string;
  /** One HTTP request, labelled by its route pattern (never the raw URL: bounded label values). */
  observeRequest(method: string, route: string, status: number, seconds: number): void;
  /** Outbound calls to national and external systems. */
  outbound: OutboundCalls;
  /** A job the runner finished: done, back to the queue for a retry, or dead. */
  jobFinished(queue: string, outcome: 'done' | 'retry' | 'dead' | 'deferred'): void;
  /** Gauges read at scrape time from one shared (cached) read. */
  addScrapeGauges<N extends string>(source: ScrapeGauges<N>): void;
  /** Connection-pool gauges (PostgreSQL; PGlite has no pool). */
  addPool(stats: () => PoolStats): void;
  /** A module's own counter (name `sen_<module>_…_total`; label values from a bounded set, never raw input). */
  counter(spec: MetricSpec): { inc(labels: Record<string, string>, value?: number): void };
  /** A module's own histogram (name `sen_<module>_…_seconds`). */
  histogram(spec: MetricSpec & { buckets?: number[] }): { observe(labels: Record<string, string>, value: number): void };
  render(): Promise<string>;
}

export interface MetricSpec {
  name: string;
  help: string;
  labelNames: string[];
}

export interface Sample {
  labels?: Record<string, string>;
  value: number;
}

export interface ScrapeGauges<N extends string = string> {
  /** Names the source in `sen_metrics_collect_errors_total`. */
  source: string;
  gauges: Record<N, { help: string; labelNames?: string[] }>;
  /** One read yields every gauge of the source (one grouped query, not one per gauge). */
  read(): Promise<Record<N, Sample[]>>;
  /** How long one read answers scrapes (default 10 s): two Prometheus servers cost one query. */
  maxAgeMs?: number;
}

export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
  max: number;
}

// prom-client's default collectors name these gauges `*_total`, which Prometheus reserves for
// counters (`promtool check metrics` refuses them). The same numbers are the sum over `type` of
// the unsuffixed gauges it also exports (`sum(sen_nodejs_active_handles)`), so nothing is lost.
const MISNAMED_DEFAULTS = ['sen_nodejs_active_handles_total', 'sen_nodejs_active_requests_total', 'sen_nodejs_active_resources_total'];

/** Shares one read among the gauges of a source and among scrapes within `maxAgeMs`. */
function cachedRead<T>(read: () => Promise<T>, maxAgeMs: number): () => Promise<T> {
  let last: { at: number; value: Promise<T> } | undefined;
  return () => {
    if (last && Date.now() - last.at < maxAgeMs) return last.value;
    const value = read();
    const entry = { at: Date.now(), value };
    last = entry;
    value.catch(() => {
      if (last === entry) last = undefined;
    });
    return value;
  };
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'sen_' });
  for (const name of MISNAMED_DEFAULTS) registry.removeSingleMetric(name);
  const registers = [registry];

  const duration = new Histogram({
    name: 'sen_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers,
  });
  const jobsFinished = new Counter({
    name: 'sen_jobs_finished_total',
    help: 'Jobs this process ran, by queue and outcome (done, retry, dead, deferred: waiting for earlier work)',
    labelNames: ['queue', 'outcome'],
    registers,
  });
  const reads: (() => Promise<unknown>)[] = [];
  const collectErrors = new Counter({
    name: 'sen_metrics_collect_errors_total',
    help: 'Scrape-time reads that failed (their labelled gauges are then absent from that scrape, unlabelled ones NaN)',
    labelNames: ['source'],
    registers,
    // Rendered after this scrape's reads settle, so a failure shows in the scrape it spoiled.
    async collect() {
      await Promise.allSettled(reads.map((read) => read()));
    },
  });

  return {
    contentType: registry.contentType,
    observeRequest(method, route, status, seconds) {
      duration.observe({ method, route, status: String(status) }, seconds);
    },
    outbound: createOutboundCalls(registry),
    jobFinished(queue, outcome) {
      jobsFinished.inc({ queue, outcome });
    },
    addScrapeGauges<N extends string>(source: ScrapeGauges<N>) {
      // At least a second: one scrape asks once per gauge and once for the error counter.
      const read = cachedRead(
        () => source.read().catch((error: unknown) => {
          collectErrors.inc({ source: source.source });
          throw error;
        }),
        Math.max(1000, source.maxAgeMs ?? 10_000),
      );
      reads.push(read);
      for (const name of Object.keys(source.gauges) as N[]) {
        const spec = source.gauges[name];
        new Gauge({
          name,
          help: spec.help,
          labelNames: spec.labelNames ?? [],
          registers,
          async collect() {
            this.reset();
            try {
              for (const sample of (await read())[name]) this.set(sample.labels ?? {}, sample.value);
            } catch {
              // A gauge without labels cannot be left out (prom-client shows 0): NaN says "unknown".
              if (!spec.labelNames?.length) this.set(Number.NaN);
            }
          },
        });
      }
    },
    addPool(stats) {
      new Gauge({
        name: 'sen_db_pool_connections',
        help: 'Database connections of this process by state (in_use, idle)',
        labelNames: ['state'],
        registers,
        collect() {
          const s = stats();
          this.set({ state: 'in_use' }, s.total - s.idle);
          this.set({ state: 'idle' }, s.idle);
        },
      });
      new Gauge({ name: 'sen_db_pool_waiting', help: 'Queries of this process waiting for a free database connection', registers, collect() { this.set(stats().waiting); } });
      new Gauge({ name: 'sen_db_pool_max', help: 'Largest number of database connections this process opens', registers, collect() { this.set(stats().max); } });
    },
    counter: (spec) => new Counter({ ...spec, registers }),
    histogram: (spec) => new Histogram({ ...spec, buckets: spec.buckets ?? [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers }),
    render: () => registry.metrics(),
  };
}

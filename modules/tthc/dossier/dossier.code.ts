import { sql, type SQL } from 'drizzle-orm';

/**
 * Dossier codes: a configurable pattern, default `{agencyCode}-{yyMMdd}-{seq4}`. The counter
 * scope is the pattern expanded without its sequence (so `{yyMMdd}` gives a daily counter per
 * agency); it is incremented by an upsert inside the dossier's own transaction, which holds
 * the counter row's lock until commit: two submissions can never draw the same number, and a
 * rolled-back submission gives its number back. The unique index on the code is the backstop.
 */
export const DEFAULT_CODE_PATTERN = '{agencyCode}-{yyMMdd}-{seq4}';

/**
 * What `{agencyCode}` stands for in a dossier code, which citizens read and quote: the agency's
 * identifier code once it is official; while it is provisional (`TAM.…`, administrators only),
 * the official administrative-unit code of the commune or ward the agency governs (`29926`).
 * Agencies with neither (departments before the official list is imported) keep the provisional code.
 */
export async function dossierAgencyCode(
  catalog: { administrativeUnitOf(agencyId: string): Promise<{ code: string } | undefined> },
  agency: { id: string; code: string; placeholder: boolean },
): Promise<string> {
  if (!agency.placeholder) return agency.code;
  return (await catalog.administrativeUnitOf(agency.id))?.code ?? agency.code;
}

const TOKEN = /\{(agencyCode|procedureCode|yyyy|yy|MM|dd|yyMMdd|seq(\d))\}/g;

export interface CodeContext {
  agencyCode: string;
  procedureCode: string;
  /** Vietnam date of the submission, `YYYY-MM-DD`. */
  date: string;
}

export function isValidCodePattern(pattern: string): boolean {
  const tokens = [...pattern.matchAll(TOKEN)];
  const rest = pattern.replace(TOKEN, '');
  return tokens.filter((t) => t[1]!.startsWith('seq')).length === 1 && !/[{}]/.test(rest) && /^[A-Za-z0-9.\-_/]*$/.test(rest) && pattern.length <= 80;
}

function expand(pattern: string, context: CodeContext, seq: number | undefined): string {
  const [yyyy, mm, dd] = context.date.split('-') as [string, string, string];
  return pattern.replace(TOKEN, (_match, token: string, width?: string) => {
    switch (token) {
      case 'agencyCode': return context.agencyCode;
      case 'procedureCode': return context.procedureCode;
      case 'yyyy': return yyyy;
      case 'yy': return yyyy.slice(2);
      case 'MM': return mm;
      case 'dd': return dd;
      case 'yyMMdd': return `${yyyy.slice(2)}${mm}${dd}`;
      default: return seq === undefined ? '#' : String(seq).padStart(Number(width), '0');
    }
  });
}

/** The counter scope of a code: the code with its sequence blanked out. */
export const codeScope = (pattern: string, context: CodeContext): string => expand(pattern, context, undefined);

export function formatCode(pattern: string, context: CodeContext, seq: number): string {
  return expand(pattern, context, seq);
}

/** The code around its sequence: `prefix + sequence (zero-padded to width, never cut) + suffix`. */
export function codeTemplate(pattern: string, context: CodeContext): { scope: string; prefix: string; suffix: string; width: number } {
  const scope = codeScope(pattern, context);
  const [prefix, suffix] = scope.split('#') as [string, string];
  const width = Number(/\{seq(\d)\}/.exec(pattern)![1]);
  return { scope, prefix, suffix, width };
}

/**
 * Common-table expressions `counter` and `code` giving the next code of the scope, for the
 * statement that inserts the dossier: the counter row stays locked only for that statement and
 * the commit right after it, so concurrent filings at one desk queue for a moment, not longer.
 */
export function nextCodeCtes(pattern: string, context: CodeContext): SQL {
  const { scope, prefix, suffix, width } = codeTemplate(pattern, context);
  return sql`counter as (
      insert into tthc.code_counters as k (scope, value) values (${scope}, 1)
      on conflict (scope) do update set value = k.value + 1 returning k.value),
    code as (
      select ${prefix}::text || case when length(value::text) >= ${width}::int then value::text else lpad(value::text, ${width}::int, '0') end || ${suffix}::text as code
      from counter)`;
}

import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../../packages/platform/index.ts';

/**
 * Dossier codes: a configurable pattern, default `{agencyCode}-{yyMMdd}-{seq4}`. The counter
 * scope is the pattern expanded without its sequence (so `{yyMMdd}` gives a daily counter per
 * agency); it is incremented by an upsert inside the dossier's own transaction, which holds
 * the counter row's lock until commit: two submissions can never draw the same number, and a
 * rolled-back submission gives its number back. The unique index on the code is the backstop.
 */
export const DEFAULT_CODE_PATTERN = '{agencyCode}-{yyMMdd}-{seq4}';

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

/** Allocates the next code in the caller's transaction. */
export async function allocateCode(tx: Tx, pattern: string, context: CodeContext): Promise<string> {
  const scope = codeScope(pattern, context);
  const rows = await queryRows<{ value: number }>(tx, sql`
    insert into tthc.code_counters (scope, value) values (${scope}, 1)
    on conflict (scope) do update set value = tthc.code_counters.value + 1
    returning value`);
  return formatCode(pattern, context, rows[0]!.value);
}

import type { FastifyRequest } from 'fastify';
import { procedureAsSeenBy, type TthcModule } from '../../../modules/tthc/index.ts';
import { AppError, type PageRenderer } from '../../../packages/platform/index.ts';
import { e, layout } from './layout.ts';
import { t } from './messages.ts';

const PAGE_SIZE = 10;
type Procedure = Awaited<ReturnType<TthcModule['procedures']['get']>>;

const processingTime = (days: number) => (days === 0 ? t('tthc.procedure.sameDay') : t('tthc.procedure.workingDays', { count: days }));

function searchOf(request: FastifyRequest) {
  const query = request.query as Record<string, string | undefined>;
  const q = (query.q ?? '').slice(0, 200).trim();
  const page = Math.min(Math.max(Number.parseInt(query.page ?? '1', 10) || 1, 1), 10_000);
  const level = query.level === 'province' || query.level === 'commune' ? query.level : undefined;
  const fieldCode = query.field && query.field.length <= 40 ? query.field : undefined;
  return { q, page, level, fieldCode, onlineOnly: query.online === 'true' || undefined } as const;
}

/** /services: the procedure search, with its first results, as a plain GET form. */
export function procedureSearchPage(tthc: TthcModule): PageRenderer {
  return {
    path: '/services',
    async render(request) {
      const search = searchOf(request);
      const { items, total } = await tthc.procedures.list({ q: search.q || undefined, level: search.level, fieldCode: search.fieldCode, onlineOnly: search.onlineOnly, limit: PAGE_SIZE, offset: (search.page - 1) * PAGE_SIZE });
      const results = items.length
        ? `<ul class="sr-list" aria-label="${e(t('tthc.search.results'))}">${items.map(resultItem).join('')}</ul>`
        : `<p>${e(t('tthc.search.empty'))}</p>`;
      const next = search.page * PAGE_SIZE < total ? `<p><a href="/services?${new URLSearchParams({ ...(search.q ? { q: search.q } : {}), page: String(search.page + 1) })}">${e(t('pagination.next'))}</a></p>` : '';
      return layout({
        path: '/services',
        title: `${t('tthc.search.title')} — Sen`,
        main: `<h1>${e(t('tthc.search.title'))}</h1><p>${e(t('tthc.search.description'))}</p>
<form class="sr-card" role="search" action="/services" method="get"><label for="sr-q">${e(t('tthc.search.label'))}</label><input id="sr-q" name="q" type="search" value="${e(search.q)}" aria-describedby="sr-q-hint"><p class="sr-muted" id="sr-q-hint">${e(t('tthc.search.hint'))}</p><button type="submit">${e(t('home.searchButton'))}</button></form>
<p class="sr-muted">${e(t('common.totalCount', { count: total }))}</p>${results}${next}`,
      });
    },
  };
}

function resultItem(procedure: Procedure): string {
  const p = procedureAsSeenBy(undefined, procedure);
  // A code not yet confirmed against the national database is blank for the public: no stand-in is shown.
  const facts = [...(p.nationalCode ? [`${t('tthc.procedure.code')}: ${p.nationalCode}`] : []), t(`tthc.level.${p.level}`), processingTime(p.processingDays)];
  if (p.methods.includes('online')) facts.push(t('tthc.procedure.onlineBadge'));
  return `<li><a href="/services/${e(p.id)}"><b>${e(p.name)}</b></a><div class="sr-muted">${facts.map(e).join(' · ')}</div></li>`;
}

/** /services/:id: the procedure's published details; filing itself needs the web app (and sign-in). */
export function procedurePage(tthc: TthcModule): PageRenderer {
  return {
    path: '/services/:id',
    async render(request) {
      const { id } = request.params as { id: string };
      const found = await tthc.procedures.get(id).catch((error: unknown) => {
        if (error instanceof AppError && error.status === 404) return undefined;
        throw error;
      });
      if (!found) return undefined; // the web app says "not found" in its own words
      const p = procedureAsSeenBy(undefined, found);
      const fact = (label: string, value: string) => `<dt>${e(label)}</dt><dd>${e(value)}</dd>`;
      // An e-form part offers its blank form (PDF) to print and fill by hand.
      const blank = (formKey: string | null | undefined, name: string) => formKey
        ? ` — <a href="/api/tthc/forms/${encodeURIComponent(formKey)}/blank" aria-label="${e(t('tthc.parts.downloadBlankFor', { name }))}">${e(t('tthc.parts.downloadBlank'))}</a>`
        : '';
      const parts = p.parts.map((part) => `<li>${e(part.name)}${blank(part.formKey, part.name)}</li>`).join('');
      const steps = p.steps.length
        ? `<section class="sr-card" aria-labelledby="sr-steps"><h2 id="sr-steps">${e(t('tthc.procedure.steps'))}</h2><ol>${p.steps.map((step) => `<li>${e(step.replace(/^Bước \d+:\s*/, ''))}</li>`).join('')}</ol></section>`
        : '';
      const fees = p.fees.length ? `<ul>${p.fees.map((fee) => `<li>${e(fee.name)}: ${e(fee.amountVnd.toLocaleString('vi-VN'))} đ</li>`).join('')}</ul>` : `<p>${e(t('tthc.procedure.noFees'))}</p>`;
      const online = p.methods.includes('online') ? `<p><a class="sr-button" href="/services/${e(p.id)}/apply">${e(t('tthc.procedure.applyOnline'))}</a></p>` : `<p>${e(t('tthc.procedure.notOnline'))}</p>`;
      return layout({
        path: `/services/${p.id}`,
        title: `${p.name} — Sen`,
        main: `<p><a href="/services">${e(t('tthc.procedure.backToSearch'))}</a></p><h1>${e(p.name)}</h1>${online}
<section class="sr-card" aria-labelledby="sr-general"><h2 id="sr-general">${e(t('tthc.procedure.general'))}</h2><dl>${p.nationalCode ? fact(t('tthc.procedure.code'), p.nationalCode) : ''}${fact(t('tthc.procedure.level'), t(`tthc.level.${p.level}`))}${fact(t('tthc.procedure.agencies'), p.implementingAgencies.join('; ') || '—')}${fact(t('tthc.procedure.methods'), p.methods.map((m) => t(`tthc.method.${m}`)).join(', '))}${fact(t('tthc.procedure.processing'), processingTime(p.processingDays))}${fact(t('tthc.procedure.result'), p.resultType)}</dl></section>
${steps}
<section class="sr-card" aria-labelledby="sr-fees"><h2 id="sr-fees">${e(t('tthc.procedure.fees'))}</h2>${fees}</section>
<section class="sr-card" aria-labelledby="sr-parts"><h2 id="sr-parts">${e(t('tthc.procedure.parts'))}</h2><ul>${parts}</ul></section>`,
      });
    },
  };
}

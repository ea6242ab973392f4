import type { TthcModule } from '../../../modules/tthc/index.ts';
import type { PageRenderer } from '../../../packages/platform/index.ts';
import { e, layout } from './layout.ts';
import { t } from './messages.ts';

/** The home page for a citizen with a task: search first, the most used procedures, the look-up, who to call. */
export function homePage(tthc: TthcModule): PageRenderer {
  return {
    path: '/',
    async render() {
      const home = await tthc.portal.home();
      const popular = home.popular.map((p) => `<li><a href="/services/${e(p.id)}">${e(p.name)}</a></li>`).join('');
      const contact = [home.serviceCentre?.name, home.owner.name].filter(Boolean).map((name) => `<p>${e(name!)}</p>`).join('');
      const hotline = home.hotline ? `<p>${e(t('home.hotline'))}: <a href="tel:${e(home.hotline.replace(/[^+0-9]/g, ''))}">${e(home.hotline)}</a></p>` : '';
      return layout({
        path: '/',
        title: t('app.title'),
        data: { '/api/tthc/portal/home': home },
        main: `<h1>${e(t('app.title'))}</h1>
<form class="sr-card" role="search" action="/services" method="get"><label for="sr-q">${e(t('home.searchLabel'))}</label><input id="sr-q" name="q" type="search" aria-describedby="sr-q-hint"><p class="sr-muted" id="sr-q-hint">${e(t('tthc.search.hint'))}</p><button type="submit">${e(t('home.searchButton'))}</button></form>
<section aria-labelledby="sr-popular"><h2 id="sr-popular">${e(t('home.popularTitle'))}</h2><ul class="sr-list">${popular}</ul><p><a href="/services">${e(t('home.allProcedures'))}</a></p></section>
<section aria-labelledby="sr-lookup"><h2 id="sr-lookup">${e(t('tthc.lookup.title'))}</h2><p>${e(t('tthc.lookup.description'))}</p><a class="sr-button" href="/tra-cuu">${e(t('home.lookupButton'))}</a></section>
<section aria-labelledby="sr-contact"><h2 id="sr-contact">${e(t('home.contactTitle'))}</h2>${contact}${hotline}</section>
<p class="sr-muted"><a href="/thong-ke">${e(t('home.statistics'))}</a> · <a href="/thong-ke/bang-dieu-khien">${e(t('home.dashboards'))}</a> · <a href="/about">${e(t('home.about'))}</a></p>`,
      });
    },
  };
}

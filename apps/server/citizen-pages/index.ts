// The citizen pages the server renders itself (docs/decisions/0025-first-paint.md): the home page,
// the procedure search and a procedure's page paint before the web app's JavaScript arrives, which
// then takes over; the dossier look-up needs no JavaScript at all.
import type { SigningModule } from '../../../modules/signing/index.ts';
import type { TthcModule } from '../../../modules/tthc/index.ts';
import type { PageRenderer } from '../../../packages/platform/index.ts';
import { homePage } from './home.ts';
import { lookupPage } from './lookup.ts';
import { procedurePage, procedureSearchPage } from './procedures.ts';
import { verificationPage } from './verification.ts';

export function citizenPages(tthc: TthcModule, signing: SigningModule): PageRenderer[] {
  return [homePage(tthc), procedureSearchPage(tthc), procedurePage(tthc), lookupPage(tthc), verificationPage(signing)];
}

// Which page the reader gets first. The server renders the citizen pages itself (home, procedure
// search, a procedure's page; apps/server/citizen-pages): for an anonymous reader in Vietnamese
// they are complete pages of links and GET forms, so the web app is not loaded there at all — on
// a slow phone that is the difference between reading at once and waiting for JavaScript.
// Everyone else (a session in this tab, English chosen, any other page) gets the web app, loaded
// after the first frame is painted. docs/decisions/0025-first-paint.md.
const serverRendered = !!document.getElementById('root')?.firstElementChild;

function wantsWebApp(): boolean {
  try {
    return sessionStorage.getItem('sen.tokens') !== null || localStorage.getItem('sen.lang') === 'en';
  } catch {
    return false; // storage refused (private mode, policy): the server's page it is
  }
}

if (!serverRendered || wantsWebApp()) {
  requestAnimationFrame(() => {
    setTimeout(() => void import('./main.tsx'), 0);
  });
} else {
  // "Đăng nhập" on a server page: start the PKCE sign-in right here (a small chunk) rather than
  // through the web app's /auth/sign-in page, which the link leads to otherwise.
  document.getElementById('header-sign-in')?.addEventListener('click', (event) => {
    const link = event.currentTarget as HTMLAnchorElement;
    event.preventDefault();
    const returnTo = new URL(link.href).searchParams.get('returnTo') ?? '/';
    import('./auth/oidc.ts')
      .then(({ signIn }) => signIn({ returnTo, locale: 'vi' }))
      .catch(() => location.assign(link.href));
  });
}

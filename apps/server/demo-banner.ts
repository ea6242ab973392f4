import { DEMO_ACCOUNTS, DEMO_SERVICE_CLIENT, DEMO_TOTP_SECRET } from '../../modules/identity/index.ts';

/**
 * The demo part of the start-up banner. Passwords and secrets are printed once, by the start
 * that created the demo accounts; every later start (logs kept by a process manager, a shared
 * screen) names the accounts and says where their sign-ins are written down.
 */
export function demoBanner(created: boolean): string[] {
  const citizens = '  Citizens: Đăng nhập → "Đăng nhập bằng VNeID" → pick a synthetic citizen in the VNeID sandbox';
  if (!created) {
    return [
      `  Demo accounts (created at first start; sign-ins in the README): ${DEMO_ACCOUNTS.map((a) => a.username).join(', ')}; system client ${DEMO_SERVICE_CLIENT.clientId}`,
      citizens,
    ];
  }
  return [
    '  Demo sign-in (officials, at /  → Đăng nhập) — shown this once:',
    ...DEMO_ACCOUNTS.map((a) => `    ${a.username.padEnd(12)} ${a.password.padEnd(18)} ${a.totp ? `TOTP secret ${DEMO_TOTP_SECRET} (add it to an authenticator app)` : ''}`),
    citizens,
    `  System client (client credentials): ${DEMO_SERVICE_CLIENT.clientId} / ${DEMO_SERVICE_CLIENT.secret}`,
  ];
}

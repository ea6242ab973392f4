// Token storage: memory first, sessionStorage so a reload within the tab keeps the session.

export interface TokenSet {
  accessToken: string;
  idToken?: string;
  refreshToken?: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

const KEY = 'sen.tokens';
let current: TokenSet | null = load();
const listeners = new Set<() => void>();

function load(): TokenSet | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as TokenSet) : null;
  } catch {
    return null;
  }
}

export function getTokens(): TokenSet | null {
  return current;
}

export function setTokens(tokens: TokenSet | null): void {
  current = tokens;
  if (tokens) sessionStorage.setItem(KEY, JSON.stringify(tokens));
  else sessionStorage.removeItem(KEY);
  for (const listener of listeners) listener();
}

export function subscribeTokens(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Encryption of secrets at rest (TOTP secrets, signing keys, agencies' private keys) with keys
 * derived from the master key (`SEN_MASTER_KEY`), which lives outside the database: a copy of
 * the database alone yields no usable secret.
 *
 * Sealed values are `sen1.<iv>.<ciphertext>.<tag>` (AES-256-GCM, base64url). The context (for
 * example `identity.totp:<user id>`) is bound as associated data, so a sealed value copied to
 * another row or column does not open there.
 */
export interface SecretBox {
  seal(plain: string, context: string): string;
  open(sealed: string, context: string): string;
  /** A key for another purpose (an HMAC key for the audit chain, …), derived, never stored. */
  deriveKey(label: string, length?: number): Buffer;
}

const PREFIX = 'sen1';

export function isSealed(value: string): boolean {
  return value.startsWith(`${PREFIX}.`);
}

export function createSecretBox(masterKey: string): SecretBox {
  if (masterKey.length < 32) throw new Error('the master key must be at least 32 characters');
  const derive = (label: string, length = 32) => Buffer.from(hkdfSync('sha256', masterKey, 'sen', label, length));
  const key = derive('secret-box');
  return {
    seal(plain, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(context));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [PREFIX, iv.toString('base64url'), body.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
    },
    open(sealed, context) {
      const [prefix, iv, body, tag] = sealed.split('.');
      if (prefix !== PREFIX || !iv || body === undefined || !tag) throw new Error('not a sealed secret');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(context));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    },
    deriveKey: derive,
  };
}

import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM with a key derived from MicrosoftAppPassword by HKDF-SHA256: the MSAL cache and the stored
 * on-behalf-of assertions are useless to someone who reads the database without the app secret. Rotating
 * the secret makes old entries unreadable, which only costs a new sign-in (they are then ignored).
 */
export class TokenCrypto {
  private readonly key: Buffer;

  constructor(secret: string, tenantId: string) {
    if (!secret) throw new Error('TokenCrypto needs the app secret');
    this.key = Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.from(`radslag:${tenantId}`, 'utf8'), Buffer.from('graph-token-cache v1', 'utf8'), 32));
  }

  encrypt(plain: string, aad = ''): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(aad, 'utf8'));
    const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.');
  }

  /** null when the text was not made with this key (rotated secret, tampering). */
  decrypt(sealed: string, aad = ''): string | null {
    const [v, iv, tag, ct] = sealed.split('.');
    if (v !== 'v1' || !iv || !tag || ct === undefined) return null;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(aad, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      return null;
    }
  }
}

import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import type { Viewer } from '../database/request-scope.js';
import { UUID_PATTERN } from '../text.js';
import { Role } from '../users/role.js';

const ISSUER = 'ishc';
const AUDIENCE = 'ishc-api';
// Tokens carry identifiers as PostgreSQL writes them: lowercase.
const LOWERCASE_UUID = new RegExp(UUID_PATTERN.source);
/** Tokens remembered as verified: a signed-in person sends the same token with every request. */
const REMEMBERED_TOKENS = 10_000;

export class TokenService {
  private readonly key: Uint8Array;
  // Token → whom it stands for and until when. Remembering only skips checking the signature
  // again: the request scope still re-reads the account (enabled, same role, same token version).
  private readonly verified = new Map<string, { viewer: Viewer; expiresAtMs: number }>();

  constructor(secret: string, private readonly ttlMinutes: number) {
    this.key = new TextEncoder().encode(secret);
  }

  async issue(account: Viewer): Promise<{ token: string; expiresAt: Date }> {
    const issuedAtSeconds = Math.floor(Date.now() / 1000);
    const expiresAt = new Date((issuedAtSeconds + this.ttlMinutes * 60) * 1000);
    const token = await new SignJWT({ role: account.role, tid: account.tenantId, cid: account.clubId, ver: account.tokenVersion })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(account.userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(issuedAtSeconds)
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(this.key);
    return { token, expiresAt };
  }

  /** The viewer a token stands for, or a reason it stands for nobody. */
  async verify(token: string): Promise<{ viewer: Viewer } | { failure: 'expired' | 'invalid' }> {
    const remembered = this.verified.get(token);
    if (remembered) {
      if (Date.now() < remembered.expiresAtMs) return { viewer: remembered.viewer };
      this.verified.delete(token);
      return { failure: 'expired' };
    }
    const verified = await this.verifySignature(token);
    if ('viewer' in verified) {
      if (this.verified.size >= REMEMBERED_TOKENS) this.verified.delete(this.verified.keys().next().value as string);
      this.verified.set(token, verified);
      return { viewer: verified.viewer };
    }
    return verified;
  }

  private async verifySignature(token: string): Promise<{ viewer: Viewer; expiresAtMs: number } | { failure: 'expired' | 'invalid' }> {
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] });
      const role = payload.role;
      const tenantId = payload.tid ?? null;
      const clubId = payload.cid ?? null;
      const tokenVersion = payload.ver;
      if (
        typeof payload.sub !== 'string' || !LOWERCASE_UUID.test(payload.sub) ||
        typeof role !== 'string' || !Object.values(Role).includes(role as Role) ||
        !(tenantId === null || (typeof tenantId === 'string' && LOWERCASE_UUID.test(tenantId))) ||
        !(clubId === null || (typeof clubId === 'string' && LOWERCASE_UUID.test(clubId))) ||
        typeof tokenVersion !== 'number' || !Number.isSafeInteger(tokenVersion) || tokenVersion < 1 ||
        typeof payload.iat !== 'number' || typeof payload.exp !== 'number'
      ) {
        return { failure: 'invalid' };
      }
      return {
        viewer: {
          userId: payload.sub,
          role: role as Role,
          tenantId: tenantId as string | null,
          clubId: clubId as string | null,
          tokenVersion,
        },
        expiresAtMs: payload.exp * 1000,
      };
    } catch (error) {
      return { failure: error instanceof joseErrors.JWTExpired ? 'expired' : 'invalid' };
    }
  }
}

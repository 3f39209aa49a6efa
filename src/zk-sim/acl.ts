import { createHash } from 'node:crypto';
import { keeper } from './errors.js';

/**
 * ACLs as ZooKeeper 3.8 checks them (ZooKeeperServer.checkACL, PrepRequestProcessor.fixupACL and
 * the digest and ip authentication providers).
 *
 * An ACL entry grants `perms` (a bitmask of READ, WRITE, CREATE, DELETE, ADMIN) to an id
 * `scheme:id`: `world:anyone` (everyone), `digest:user:base64(sha1(user:password))` (whoever ran
 * `addauth digest user:password`), `ip:addr[/bits]` (clients from that IPv4 address or network),
 * or `auth:` at create/setACL time, which expands to every digest id the caller has added.
 * A session starts with the id `ip:<its address>`; `super` (from the superDigest option) passes
 * every check.
 */

export interface Id {
  readonly scheme: string;
  readonly id: string;
}

export interface ACL {
  readonly perms: number;
  readonly id: Id;
}

/** ZooDefs.Perms. */
export const Perms = { READ: 1, WRITE: 2, CREATE: 4, DELETE: 8, ADMIN: 16, ALL: 31 } as const;

const ANYONE: Id = { scheme: 'world', id: 'anyone' };
const AUTH: Id = { scheme: 'auth', id: '' };

/** ZooDefs.Ids. */
export const Ids = {
  ANYONE_ID_UNSAFE: ANYONE,
  AUTH_IDS: AUTH,
  OPEN_ACL_UNSAFE: Object.freeze([{ perms: Perms.ALL, id: ANYONE }]) as readonly ACL[],
  CREATOR_ALL_ACL: Object.freeze([{ perms: Perms.ALL, id: AUTH }]) as readonly ACL[],
  READ_ACL_UNSAFE: Object.freeze([{ perms: Perms.READ, id: ANYONE }]) as readonly ACL[],
} as const;

/** DigestAuthenticationProvider.generateDigest: `user:` + base64(sha1(the whole "user:password")). */
export function generateDigest(idPassword: string): string {
  const user = idPassword.split(':', 1)[0]!;
  return `${user}:${createHash('sha1').update(idPassword, 'utf8').digest('base64')}`;
}

/** Java's String.split(regex) drops trailing empty strings; DigestAuthenticationProvider.isValid relies on it. */
function javaSplitCount(s: string, sep: string): number {
  const parts = s.split(sep);
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts.length === 0 ? 1 : parts.length;
}

/** IPAuthenticationProvider.addr2Bytes (IPv4 only, as in 3.8). */
function ipv4Bytes(addr: string): number[] | null {
  const parts = addr.split('.');
  if (parts.length !== 4) return null;
  const out: number[] = [];
  for (const p of parts) {
    if (!/^[+-]?\d+$/.test(p)) return null;
    const v = Number(p);
    if (v < 0 || v > 255) return null;
    out.push(v);
  }
  return out;
}

function validIp(id: string): boolean {
  const slash = id.indexOf('/');
  const addr = slash < 0 ? id : id.substring(0, slash);
  const bytes = ipv4Bytes(addr);
  if (bytes === null) return false;
  if (slash >= 0) {
    const bits = id.substring(slash + 1);
    if (!/^[+-]?\d+$/.test(bits)) return false;
    const b = Number(bits);
    if (b < 0 || b > 32) return false;
  }
  return true;
}

/** IPAuthenticationProvider.matches: the client address inside the ACL's network. */
function ipMatches(clientAddr: string, aclExpr: string): boolean {
  const slash = aclExpr.indexOf('/');
  const acl = ipv4Bytes(slash < 0 ? aclExpr : aclExpr.substring(0, slash));
  const client = ipv4Bytes(clientAddr);
  if (acl === null || client === null) return false;
  let bits = 32;
  if (slash >= 0) {
    const b = Number(aclExpr.substring(slash + 1));
    if (!Number.isInteger(b) || b < 0 || b > 32) return false;
    bits = b;
  }
  for (let i = 0; i < 4; i++) {
    const maskBits = Math.max(0, Math.min(8, bits - i * 8));
    const mask = maskBits === 0 ? 0 : (0xff << (8 - maskBits)) & 0xff;
    if ((acl[i]! & mask) !== (client[i]! & mask)) return false;
  }
  return true;
}

/** Whether a server authentication provider exists for the scheme (ProviderRegistry). */
export function isKnownAuthScheme(scheme: string): boolean {
  return scheme === 'digest' || scheme === 'ip';
}

function sameAcl(a: ACL, b: ACL): boolean {
  return a.perms === b.perms && a.id.scheme === b.id.scheme && a.id.id === b.id.id;
}

/**
 * fixupACL: drop duplicates, refuse an empty list, expand `auth` into the caller's authenticated
 * (digest) ids, and refuse ids no provider accepts. Throws InvalidACL for `path`.
 */
export function fixupAcl(path: string, authInfo: readonly Id[], acls: readonly ACL[]): readonly ACL[] {
  // The usual case, the frozen constants, are already in canonical form.
  if (acls === Ids.OPEN_ACL_UNSAFE || acls === Ids.READ_ACL_UNSAFE) return acls;
  const uniq: ACL[] = [];
  for (const a of acls) if (!uniq.some((u) => sameAcl(u, a))) uniq.push(a);
  if (uniq.length === 0) throw keeper('InvalidACL', path);
  const out: ACL[] = [];
  for (const a of uniq) {
    const { scheme, id } = a.id;
    if (scheme === 'world' && id === 'anyone') out.push(freezeAcl(a.perms, ANYONE));
    else if (scheme === 'auth') {
      let any = false;
      for (const cid of authInfo) {
        // Only providers that say isAuthenticated() count: digest does, ip does not.
        if (cid.scheme === 'digest') {
          any = true;
          out.push(freezeAcl(a.perms, cid));
        }
      }
      if (!any) throw keeper('InvalidACL', path);
    } else if (scheme === 'digest') {
      if (javaSplitCount(id, ':') !== 2) throw keeper('InvalidACL', path);
      out.push(freezeAcl(a.perms, { scheme, id }));
    } else if (scheme === 'ip') {
      if (!validIp(id)) throw keeper('InvalidACL', path);
      out.push(freezeAcl(a.perms, { scheme, id }));
    } else throw keeper('InvalidACL', path);
  }
  return out;
}

function freezeAcl(perms: number, id: Id): ACL {
  return Object.freeze({ perms, id: Object.freeze({ scheme: id.scheme, id: id.id }) });
}

/** ZooKeeperServer.checkACL without throwing: may the holder of `authInfo` do `perm` here? */
export function allowed(acl: readonly ACL[], perm: number, authInfo: readonly Id[]): boolean {
  if (acl.length === 0) return true;
  for (let i = 0; i < authInfo.length; i++) if (authInfo[i]!.scheme === 'super') return true;
  for (let i = 0; i < acl.length; i++) {
    const a = acl[i]!;
    if ((a.perms & perm) === 0) continue;
    const { scheme, id } = a.id;
    if (scheme === 'world') {
      if (id === 'anyone') return true;
      continue;
    }
    for (let j = 0; j < authInfo.length; j++) {
      const au = authInfo[j]!;
      if (au.scheme !== scheme) continue;
      if (scheme === 'digest' && au.id === id) return true;
      if (scheme === 'ip' && ipMatches(au.id, id)) return true;
    }
  }
  return false;
}

export function checkAcl(acl: readonly ACL[], perm: number, authInfo: readonly Id[], path: string): void {
  if (!allowed(acl, perm, authInfo)) throw keeper('NoAuth', path);
}

/** getACL's answer for a caller without ADMIN: digest ids shown as `user:x`. */
export function maskDigests(acl: readonly ACL[]): ACL[] {
  return acl.map((a) => (a.id.scheme === 'digest' ? { perms: a.perms, id: { scheme: 'digest', id: a.id.id.replace(/:.*/, ':x') } } : copyAcl(a)));
}

export function copyAcl(a: ACL): ACL {
  return { perms: a.perms, id: { scheme: a.id.scheme, id: a.id.id } };
}

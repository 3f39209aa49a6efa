/**
 * Quotas as ZooKeeper 3.8 keeps them: a path P has a quota while the znode
 * /zookeeper/quota/P/zookeeper_limits exists; the server keeps the count of znodes and bytes of
 * data under P in /zookeeper/quota/P/zookeeper_stats, rewriting that node's data in place (no
 * zxid, no version, no watch) on every create, delete and setData below P. Both nodes hold a
 * StatsTrack string. Limits are not enforced: that needs zookeeper.enforceQuota, off by default,
 * and otherwise only the server's log hears of an exceeded quota.
 */

export const QUOTA_ROOT = '/zookeeper/quota';
export const LIMIT_NODE = 'zookeeper_limits';
export const STAT_NODE = 'zookeeper_stats';

/** Quotas.quotaPath, limitPath, statPath: plain concatenation, as in Java (no '/' special case). */
export const quotaPath = (path: string): string => QUOTA_ROOT + path;
export const limitPath = (path: string): string => `${QUOTA_ROOT}${path}/${LIMIT_NODE}`;
export const statPath = (path: string): string => `${QUOTA_ROOT}${path}/${STAT_NODE}`;
/** Quotas.trimQuotaPath. */
export const trimQuotaPath = (path: string): string => path.substring(QUOTA_ROOT.length);

/**
 * org.apache.zookeeper.StatsTrack: a map of counters printed as `count=C,bytes=B`, then, when it
 * has other keys, `=` and `;key=value` for each, sorted (hence `count=2,bytes=-1=;byteHardLimit=-1;
 * countHardLimit=-1`). A missing counter reads -1.
 */
export class StatsTrack {
  private readonly stats = new Map<string, bigint>();

  /** Parses what toString() wrote; a malformed string fails as Java's parser does. */
  static parse(text: string | null): StatsTrack {
    const t = new StatsTrack();
    if (text === null || text.length === 0) return t;
    for (const pair of text.split(/[,;]+/)) {
      if (pair.length === 0) continue;
      // String.split("=") drops trailing empty strings: "bytes=-1=" is ["bytes", "-1"].
      const kv = pair.split('=');
      while (kv.length > 1 && kv[kv.length - 1] === '') kv.pop();
      if (kv.length < 2) {
        throw new StatsTrackError('java.lang.ArrayIndexOutOfBoundsException', `Index 1 out of bounds for length ${kv.length}`);
      }
      if (kv[1] === '') {
        t.stats.set(kv[0]!, -1n);
        continue;
      }
      if (!/^[+-]?\d+$/.test(kv[1]!)) throw new StatsTrackError('java.lang.NumberFormatException', `For input string: "${kv[1]}"`);
      t.stats.set(kv[0]!, BigInt(kv[1]!));
    }
    return t;
  }

  private get(key: string): bigint {
    return this.stats.get(key) ?? -1n;
  }

  get count(): bigint {
    return this.get('count');
  }
  set count(v: bigint) {
    this.stats.set('count', v);
  }
  get bytes(): bigint {
    return this.get('bytes');
  }
  set bytes(v: bigint) {
    this.stats.set('bytes', v);
  }
  get countHardLimit(): bigint {
    return this.get('countHardLimit');
  }
  set countHardLimit(v: bigint) {
    this.stats.set('countHardLimit', v);
  }
  get byteHardLimit(): bigint {
    return this.get('byteHardLimit');
  }
  set byteHardLimit(v: bigint) {
    this.stats.set('byteHardLimit', v);
  }

  toString(): string {
    let s = `count=${this.count},bytes=${this.bytes}`;
    const keys = [...this.stats.keys()].filter((k) => k !== 'count' && k !== 'bytes');
    if (keys.length > 0) {
      s += '=';
      // Collections.sort on Strings: UTF-16 code unit order, as JS's default sort.
      for (const k of keys.sort()) s += `;${k}=${this.stats.get(k)}`;
    }
    return s;
  }
}

/** StatsTrack's parser failing, as the Java exception it throws. */
export class StatsTrackError extends Error {
  constructor(
    readonly javaClass: string,
    message: string,
  ) {
    super(message);
  }
}

import { describe, expect, it } from 'vitest';
import {
  authIdsOrder,
  cliErrorMessage,
  formatAcl,
  formatStat,
  formatUsage,
  formatWatcherLines,
  javaDateString,
  javaLongHex,
  keeperExceptionMessage,
  parseAcl,
  permString,
  usageOf,
} from '../../src/cli/zk-format.js';

/** Expected strings were printed by ZooKeeper 3.8.0's zkCli.sh and by Java 17's Date.toString(). */
describe('Date.toString()', () => {
  it.each([
    [0, 'UTC', 'Thu Jan 01 00:00:00 UTC 1970'],
    [1700000000000, 'UTC', 'Tue Nov 14 22:13:20 UTC 2023'],
    [1700000000000, 'Europe/Paris', 'Tue Nov 14 23:13:20 CET 2023'],
    [1690000000000, 'Europe/Paris', 'Sat Jul 22 06:26:40 CEST 2023'],
    [0, 'Europe/Paris', 'Thu Jan 01 01:00:00 CET 1970'],
    [1700000000000, 'Europe/London', 'Tue Nov 14 22:13:20 GMT 2023'],
    [1690000000000, 'Europe/London', 'Sat Jul 22 05:26:40 BST 2023'],
    // British Standard Time (1968-71): +1 all year, which Java calls GMT.
    [0, 'Europe/London', 'Thu Jan 01 01:00:00 GMT 1970'],
    [1700000000000, 'America/New_York', 'Tue Nov 14 17:13:20 EST 2023'],
    [1690000000000, 'America/New_York', 'Sat Jul 22 00:26:40 EDT 2023'],
    [0, 'America/New_York', 'Wed Dec 31 19:00:00 EST 1969'],
    [1690000000000, 'America/Los_Angeles', 'Fri Jul 21 21:26:40 PDT 2023'],
    [1700000000000, 'Asia/Kolkata', 'Wed Nov 15 03:43:20 IST 2023'],
    [1700000000000, 'Asia/Tokyo', 'Wed Nov 15 07:13:20 JST 2023'],
    [1700000000000, 'Australia/Sydney', 'Wed Nov 15 09:13:20 AEDT 2023'],
    [1690000000000, 'Australia/Sydney', 'Sat Jul 22 14:26:40 AEST 2023'],
    [1700000000000, 'Asia/Shanghai', 'Wed Nov 15 06:13:20 CST 2023'],
    [1700000000000, 'America/Sao_Paulo', 'Tue Nov 14 19:13:20 BRT 2023'],
    [1700000000000, 'Europe/Moscow', 'Wed Nov 15 01:13:20 MSK 2023'],
    [0, 'Asia/Kathmandu', 'Thu Jan 01 05:30:00 NPT 1970'],
    [1700000000000, 'Etc/GMT+5', 'Tue Nov 14 17:13:20 GMT-05:00 2023'],
    [1700000000000, 'Africa/Casablanca', 'Tue Nov 14 23:13:20 WEST 2023'],
    [0, 'Africa/Casablanca', 'Thu Jan 01 00:00:00 WET 1970'],
    [1700000000000, 'Pacific/Auckland', 'Wed Nov 15 11:13:20 NZDT 2023'],
    [1700000000000, 'Asia/Dubai', 'Wed Nov 15 02:13:20 GST 2023'],
    [1700000000000, 'GMT', 'Tue Nov 14 22:13:20 GMT 2023'],
    [1700000000000, 'Asia/Singapore', 'Wed Nov 15 06:13:20 SGT 2023'],
  ])('%d in %s', (ms, zone, expected) => {
    expect(javaDateString(ms, zone)).toBe(expected);
  });
});

describe('the stat block', () => {
  it('prints StatPrinter lines, hex zxids and owner, Date.toString() times', () => {
    const stat = {
      czxid: 0x2,
      mzxid: 0x5,
      pzxid: 0x3,
      ctime: 1700000000000,
      mtime: 1700000001000,
      version: 2,
      cversion: 1,
      aversion: 0,
      ephemeralOwner: 0x100007f3e4a0000n,
      dataLength: 5,
      numChildren: 1,
    };
    expect(formatStat(stat, 'UTC')).toBe(
      [
        'cZxid = 0x2',
        'ctime = Tue Nov 14 22:13:20 UTC 2023',
        'mZxid = 0x5',
        'mtime = Tue Nov 14 22:13:21 UTC 2023',
        'pZxid = 0x3',
        'cversion = 1',
        'dataVersion = 2',
        'aclVersion = 0',
        'ephemeralOwner = 0x100007f3e4a0000',
        'dataLength = 5',
        'numChildren = 1',
        '',
      ].join('\n'),
    );
  });

  it('prints negative longs as Long.toHexString does', () => {
    expect(javaLongHex(-1)).toBe('ffffffffffffffff');
    expect(javaLongHex(0)).toBe('0');
    expect(javaLongHex(0x1a2bn)).toBe('1a2b');
  });
});

describe('watch events', () => {
  it('prints WATCHER:: and the WatchedEvent, each after a blank line', () => {
    expect(formatWatcherLines({ type: 'NodeDataChanged', state: 'SyncConnected', path: '/x' })).toBe(
      '\nWATCHER::\n\nWatchedEvent state:SyncConnected type:NodeDataChanged path:/x\n',
    );
    expect(formatWatcherLines({ type: 'None', state: 'Closed', path: null })).toBe(
      '\nWATCHER::\n\nWatchedEvent state:Closed type:None path:null\n',
    );
  });
});

describe('error messages', () => {
  it.each([
    [-101, '/x', 'Node does not exist: /x'],
    [-110, '/a', 'Node already exists: /a'],
    [-111, '/d', 'Node not empty: /d'],
    [-108, '/e1/e6', 'Ephemerals cannot have children: /e1/e6'],
    [-103, '/d/x', 'version No is not valid : /d/x'],
    [-102, '/acl1', 'Insufficient permission : /acl1'],
    [-8, '/zookeeper', 'Arguments are not valid : /zookeeper'],
    [-114, null, 'Acl is not valid : null'],
    [-114, '/b1', 'Acl is not valid : /b1'],
    [-121, '/aw', 'KeeperErrorCode = No such watcher for /aw'],
    [-115, '/zookeeper', 'KeeperErrorCode = AuthFailed for /zookeeper'],
    [-112, '/a', 'KeeperErrorCode = Session expired for /a'],
  ])('code %d, path %s', (code, path, expected) => {
    expect(cliErrorMessage({ code, path })).toBe(expected);
  });

  it('KeeperException.getMessage without a path', () => {
    expect(keeperExceptionMessage({ code: -114 })).toBe('KeeperErrorCode = InvalidACL');
    expect(keeperExceptionMessage({ code: -114, path: '/b1' })).toBe('KeeperErrorCode = InvalidACL for /b1');
  });
});

describe('ACLs', () => {
  it('prints the Id record in jute CSV form and the perms in c, d, r, w, a order', () => {
    expect(formatAcl([{ perms: 31, id: { scheme: 'world', id: 'anyone' } }])).toBe("'world,'anyone\n: cdrwa\n");
    expect(formatAcl([{ perms: 3, id: { scheme: 'ip', id: '127.0.0.1' } }])).toBe("'ip,'127.0.0.1\n: rw\n");
    expect(formatAcl([{ perms: 1, id: { scheme: 'digest', id: 'u,v%' } }])).toBe("'digest,'u%2Cv%25\n: r\n");
    expect(permString(0)).toBe('');
  });

  it('parses scheme:id:perm lists as AclParser does, warning on stderr', () => {
    const warnings: string[] = [];
    const warn = (l: string): void => {
      warnings.push(l);
    };
    expect(parseAcl('world:anyone:rwzq', warn)).toEqual([{ perms: 3, id: { scheme: 'world', id: 'anyone' } }]);
    expect(warnings).toEqual(['Unknown perm type: z', 'Unknown perm type: q']);
    warnings.length = 0;
    expect(parseAcl('foo:bar', warn)).toEqual([]);
    expect(parseAcl('digest:u:p:r', warn)).toEqual([{ perms: 1, id: { scheme: 'digest', id: 'u:p' } }]);
    expect(parseAcl(':', warn)).toEqual([]);
    expect(parseAcl('', warn)).toEqual([]);
    expect(warnings).toEqual([
      'foo:bar does not have the form scheme:id:perm',
      ': does not have the form scheme:id:perm',
      ' does not have the form scheme:id:perm',
    ]);
    expect(parseAcl('world:anyone:r,world:anyone:w,', warn)).toHaveLength(2);
  });
});

describe('usage', () => {
  it('lists every command as ZooKeeperMain.usage() does', () => {
    expect(formatUsage()).toBe(
      'ZooKeeper -server host:port -client-configuration properties-file cmd args\n\taddWatch [-m mode] path # optional mode is one of [PERSISTENT, PERSISTENT_RECURSIVE] - default is PERSISTENT_RECURSIVE\n\taddauth scheme auth\n\tclose \n\tconfig [-c] [-w] [-s]\n\tconnect host:port\n\tcreate [-s] [-e] [-c] [-t ttl] path [data] [acl]\n\tdelete [-v version] path\n\tdeleteall path [-b batch size]\n\tdelquota [-n|-b|-N|-B] path\n\tget [-s] [-w] path\n\tgetAcl [-s] path\n\tgetAllChildrenNumber path\n\tgetEphemerals path\n\thistory \n\tlistquota path\n\tls [-s] [-w] [-R] path\n\tprintwatches on|off\n\tquit \n\treconfig [-s] [-v version] [[-file path] | [-members serverID=host:port1:port2;port3[,...]*]] | [-add serverId=host:port1:port2;port3[,...]]* [-remove serverId[,...]*]\n\tredo cmdno\n\tremovewatches path [-c|-d|-a] [-l]\n\tset [-s] [-v version] path data\n\tsetAcl [-s] [-v version] [-R] path acl\n\tsetquota -n|-b|-N|-B val path\n\tstat [-w] path\n\tsync path\n\tversion \n\twhoami \n',
    );
    expect(usageOf('version')).toBe('version ');
    expect(usageOf('ls')).toBe('ls [-s] [-w] [-R] path');
  });
});

describe('whoami order', () => {
  it('whoami: the connection auth set (as a real server listed them)', () => {
    const ids = [
      { scheme: 'ip', id: '127.0.0.1' },
      { scheme: 'digest', id: 'nocolon:Ra+cHr2ZoHvBjtNArFGNGlVie4g=' },
      { scheme: 'digest', id: 'u:Jq7wMyA/w2Vd5WIDAKdu4OIIFEQ=' },
    ];
    expect(authIdsOrder(ids).map((x) => x.id)).toEqual(['nocolon:Ra+cHr2ZoHvBjtNArFGNGlVie4g=', '127.0.0.1', 'u:Jq7wMyA/w2Vd5WIDAKdu4OIIFEQ=']);
  });
});

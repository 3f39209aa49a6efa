import { createWorld, mutualExclusion, type ProcessContext } from 'redzoo/sim';

/** The ZooKeeper lock recipe: an ephemeral sequential node; the lowest holds the lock; wait on your predecessor. */
async function withLock(p: ProcessContext, work: () => Promise<void>): Promise<void> {
  const zk = p.zookeeper('zk', { sessionTimeout: 6000 });
  await zk.connected();
  await zk.create('/lock', '').catch(() => {}); // NodeExists is fine
  const me = await zk.create('/lock/n-', p.name, { mode: 'EPHEMERAL_SEQUENTIAL' });
  for (;;) {
    const children = (await zk.getChildren('/lock')).sort();
    const index = children.indexOf(me.slice('/lock/'.length));
    if (index === 0) break;
    // Watch only the node just before ours: no herd when the lock changes hands.
    const gone = new Promise<void>((resolve) => {
      zk.exists(`/lock/${children[index - 1]}`, { watch: () => resolve() }).then((stat) => stat === null && resolve());
    });
    await gone;
  }
  p.mark('acquired', { resource: 'lock' });
  try {
    await work();
  } finally {
    p.mark('released', { resource: 'lock' });
    await zk.delete(me).catch(() => {});
  }
}

export async function lockDemo(seed = 42) {
  const world = createWorld({ seed });
  world.zookeeper('zk', { tickTime: 2000 });
  for (const name of ['alice', 'bob']) {
    world.app(name, async (p) => {
      await withLock(p, async () => {
        p.log('working with the lock');
        await p.sleep(10_000); // longer than the session timeout: see what happens
      });
    });
  }
  world.check(mutualExclusion('lock'));

  await world.runFor(100); // both are queued; one of them holds the lock
  const holder = world.trace.find((r) => r.type === 'mark' && r.label === 'acquired')!.proc;
  world.partition([holder], ['zk'], 20_000); // the holder is cut off from ZooKeeper for 20 s
  await world.runFor(30_000);
  return { holder, verdict: world.finish(), world };
}

import type { Rng } from '../kernel/index.js';
import type { Endpoint, Message, Proc } from './process.js';
import type { Sim } from './sim.js';

/** Network knobs, all in virtual ms. */
export interface NetworkOptions {
  /** One-way latency of every message. Default 1. */
  latency?: number;
  /** Plus a uniform random 0..jitter. Default 2. */
  jitter?: number;
  /** Chance that a segment is lost and TCP retransmits it after `rto` ms. Default 0. */
  loss?: number;
  /** Retransmission timeout (Linux's minimum is 200 ms). */
  rto?: number;
}

/**
 * The network: connections that behave like TCP. Each direction of a connection delivers in
 * order (jitter delays a message, never lets a later one overtake it). A partition does not
 * silently drop data from a live connection: what is sent across a cut waits, as TCP keeps
 * retransmitting it, and arrives after the heal, unless an end gives up and closes first. So
 * faults surface as they do in real clients: timeouts, and connections that close or reset.
 */
export class Network {
  readonly options: Required<NetworkOptions>;
  private readonly cuts = new Set<string>();
  private readonly slow = new Map<string, number>();
  private nextConnId = 1;
  readonly all = new Set<Connection>();

  constructor(
    readonly sim: Sim,
    private readonly rng: Rng,
    options: NetworkOptions = {},
  ) {
    this.options = { latency: 1, jitter: 2, loss: 0, rto: 200, ...options };
  }

  /** Opens a connection from `client` to `server`; the server accepts or refuses when the SYN arrives. */
  connect(client: Proc, server: Proc, endpoint: Endpoint): Connection {
    const c = new Connection(this, this.nextConnId++, client, server, endpoint);
    this.all.add(c);
    client.connections.add(c);
    c.sendControl(0, 'syn');
    return c;
  }

  /** One-way latency for a message sent now from `from` to `to`. */
  latency(from: string, to: string): number {
    const o = this.options;
    let ms = this.rng.jitter(o.latency, o.jitter);
    if (this.slow.size > 0) ms += this.slow.get(linkKey(from, to)) ?? 0;
    while (o.loss > 0 && this.rng.chance(o.loss)) ms += o.rto;
    return ms;
  }

  isCut(from: string, to: string): boolean {
    return this.cuts.size > 0 && this.cuts.has(linkKey(from, to));
  }

  /** Cuts every link between the two groups, both ways. */
  partition(a: readonly string[], b: readonly string[]): void {
    for (const x of a) for (const y of b) if (x !== y) this.cuts.add(linkKey(x, y)).add(linkKey(y, x));
  }

  /** Cuts one direction only: `from` can no longer reach `to`. */
  cut(from: string, to: string): void {
    this.cuts.add(linkKey(from, to));
  }

  /** Heals every cut (or those between the two groups): what waited is delivered, in order. */
  heal(a?: readonly string[], b?: readonly string[]): void {
    if (a === undefined) this.cuts.clear();
    else
      for (const x of a)
        for (const y of b ?? [...this.names()]) {
          this.cuts.delete(linkKey(x, y));
          this.cuts.delete(linkKey(y, x));
        }
    for (const c of this.all) c.release();
  }

  /** Adds `ms` to every message on the link, both ways (0 removes it). */
  setSlow(a: string, b: string, ms: number): void {
    for (const k of [linkKey(a, b), linkKey(b, a)]) ms > 0 ? this.slow.set(k, ms) : this.slow.delete(k);
  }

  /** The cut links, as [from, to] pairs in the order they were cut. */
  cutLinks(): [string, string][] {
    return [...this.cuts].map((k) => k.split('\u0000') as [string, string]);
  }

  /** Whether some link to or from `name` is cut. */
  isolated(name: string): boolean {
    for (const k of this.cuts) {
      const [x, y] = k.split('\u0000');
      if (x === name || y === name) return true;
    }
    return false;
  }

  private *names(): Generator<string> {
    yield* this.sim.processes.keys();
  }
}

function linkKey(from: string, to: string): string {
  return `${from}\u0000${to}`;
}

/** A segment: data (with its message) or a control flag, and when it lands. */
interface Wire {
  readonly kind: 'data' | 'syn' | 'fin' | 'rst';
  readonly msg: Message | null;
  at: number;
}

/** One direction of a connection: segments in send order, the head one scheduled to land. */
class Pipe {
  readonly queue: Wire[] = [];
  head = 0;
  lastAt = 0;
  /** Scheduled to land (false while empty, or stalled behind a cut until the heal). */
  armed = false;
}

/**
 * A TCP connection between a client process (end 0) and a server process (end 1). The server's
 * end exists once the SYN arrives and the server accepts. Each end closes on its own: closing
 * sends a FIN behind the data already sent; data reaching a closed end is answered with a reset.
 */
export class Connection {
  private readonly ends: [Endpoint | null, Endpoint | null];
  private readonly open: [boolean, boolean] = [true, false];
  /** pipes[0] carries client → server, pipes[1] server → client. */
  private readonly pipes: [Pipe, Pipe] = [new Pipe(), new Pipe()];
  private refused = false;
  /** The landing event of each direction (one closure per connection, not one per message). */
  private readonly landers = [() => this.land(0), () => this.land(1)] as const;

  constructor(
    private readonly net: Network,
    readonly id: number,
    readonly client: Proc,
    readonly server: Proc,
    endpoint: Endpoint,
  ) {
    this.ends = [endpoint, null];
  }

  private proc(end: 0 | 1): Proc {
    return end === 0 ? this.client : this.server;
  }

  /** Whether `proc`'s end is still open. */
  isOpen(proc: Proc): boolean {
    return this.open[proc === this.client ? 0 : 1];
  }

  /** The peer of `proc` on this connection. */
  peer(proc: Proc): Proc {
    return proc === this.client ? this.server : this.client;
  }

  /** Sends `msg` from `from`'s end. A closed end sends nothing. */
  send(from: Proc, msg: Message): void {
    const end = from === this.client ? 0 : 1;
    if (!this.open[end]) return;
    this.net.sim.trace.message('send', from.name, this.peer(from).name, this.id, msg);
    this.transmit(end, 'data', msg);
  }

  /** @internal SYN, FIN and RST travel the same ordered path as data. */
  sendControl(end: 0 | 1, kind: 'syn' | 'fin' | 'rst'): void {
    this.transmit(end, kind, null);
  }

  /** `proc` closes its end (it gave up, it is done, or it died): the peer hears a FIN. */
  closeBy(proc: Proc): void {
    const end = proc === this.client ? 0 : 1;
    if (!this.open[end]) return;
    this.open[end] = false;
    proc.connections.delete(this);
    this.net.sim.trace.append({ type: 'connection', proc: proc.name, peer: this.peer(proc).name, conn: this.id, event: 'closed' });
    this.transmit(end, 'fin', null);
  }

  private transmit(from: 0 | 1, kind: Wire['kind'], msg: Message | null): void {
    const pipe = this.pipes[from];
    const at = Math.max(this.net.sim.kernel.now() + this.net.latency(this.proc(from).name, this.proc(from === 0 ? 1 : 0).name), pipe.lastAt);
    pipe.lastAt = at;
    pipe.queue.push({ kind, msg, at });
    if (!pipe.armed && pipe.queue.length - pipe.head === 1 && !this.stalled(from)) this.arm(from, at);
  }

  private stalled(from: 0 | 1): boolean {
    return this.stalls[from];
  }
  private readonly stalls: [boolean, boolean] = [false, false];

  private arm(from: 0 | 1, at: number): void {
    this.pipes[from].armed = true;
    this.net.sim.kernel.at(at, this.landers[from]);
  }

  /** After a heal: a stalled direction is retransmitted, and lands one latency from now. */
  release(): void {
    for (const from of [0, 1] as const) {
      if (!this.stalls[from] || this.net.isCut(this.proc(from).name, this.proc(from === 0 ? 1 : 0).name)) continue;
      this.stalls[from] = false;
      const pipe = this.pipes[from];
      const at = Math.max(this.net.sim.kernel.now() + this.net.latency(this.proc(from).name, this.proc(from === 0 ? 1 : 0).name), 0);
      // Everything behind the head lands no earlier than it, still in order.
      for (let i = pipe.head; i < pipe.queue.length; i++) pipe.queue[i]!.at = Math.max(pipe.queue[i]!.at, at);
      pipe.lastAt = Math.max(pipe.lastAt, at);
      this.arm(from, pipe.queue[pipe.head]!.at);
    }
  }

  /** The head segment of a direction reaches the other end (or stalls at a cut). */
  private land(from: 0 | 1): void {
    const pipe = this.pipes[from];
    pipe.armed = false;
    const src = this.proc(from);
    const to = from === 0 ? 1 : 0;
    const dst = this.proc(to);
    if (this.net.isCut(src.name, dst.name)) {
      this.stalls[from] = true;
      return;
    }
    const wire = pipe.queue[pipe.head++]!;
    if (pipe.head === pipe.queue.length) {
      pipe.queue.length = 0;
      pipe.head = 0;
    } else {
      this.arm(from, Math.max(pipe.queue[pipe.head]!.at, this.net.sim.kernel.now()));
    }
    this.arrive(from, wire);
  }

  private arrive(from: 0 | 1, wire: Wire): void {
    const to = from === 0 ? 1 : 0;
    const src = this.proc(from);
    const dst = this.proc(to);
    const listening = this.open[to] || (wire.kind === 'syn' && to === 1);
    if (dst.state === 'crashed' || !listening) {
      if (wire.kind === 'data') {
        const reason = dst.state === 'crashed' ? 'process crashed' : 'connection closed';
        this.net.sim.trace.append({ type: 'drop', proc: src.name, to: dst.name, conn: this.id, msg: wire.msg!.label, reason });
      }
      // Nobody listens: the peer's stack answers with a reset (to a SYN: "connection refused").
      if (wire.kind === 'syn') this.refused = true;
      if ((wire.kind === 'syn' || wire.kind === 'data') && this.open[from]) this.sendControl(to, 'rst');
      this.forgetIfDone();
      return;
    }
    if (dst.state === 'up') this.receive(to, wire);
    else dst.run(() => this.receive(to, wire));
  }

  private receive(to: 0 | 1, wire: Wire): void {
    const dst = this.proc(to);
    const trace = this.net.sim.trace;
    switch (wire.kind) {
      case 'syn': {
        const ep = dst.accept(this);
        if (ep === null) {
          this.refused = true;
          this.sendControl(1, 'rst');
          return;
        }
        this.ends[1] = ep;
        this.open[1] = true;
        dst.connections.add(this);
        trace.append({ type: 'connection', proc: dst.name, peer: this.client.name, conn: this.id, event: 'open' });
        return;
      }
      case 'data':
        if (!this.open[to]) return;
        trace.message('deliver', dst.name, this.peer(dst).name, this.id, wire.msg!);
        this.ends[to]!.onMessage(wire.msg!);
        return;
      case 'fin':
      case 'rst': {
        if (!this.open[to]) return;
        this.open[to] = false;
        dst.connections.delete(this);
        const why = wire.kind === 'fin' ? 'closed' : this.refused ? 'refused' : 'reset';
        trace.append({ type: 'connection', proc: dst.name, peer: this.peer(dst).name, conn: this.id, event: why });
        this.forgetIfDone();
        this.ends[to]!.onClose(why);
        return;
      }
    }
  }

  private forgetIfDone(): void {
    const idle = (p: Pipe) => p.head === p.queue.length;
    if (!this.open[0] && !this.open[1] && idle(this.pipes[0]) && idle(this.pipes[1])) this.net.all.delete(this);
  }
}

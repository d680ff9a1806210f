/**
 * A cap on open connections, below the process's open-file limit. Found: about 1,000 sockets
 * that sent nothing used up a limit of 1,024 file descriptors, and real clients could no longer
 * connect. Node's own `maxConnections` refuses the newcomer, which lets whoever holds the
 * sockets first keep the server; instead, at the cap a new connection makes room by closing the
 * connection that has been idle longest (a keep-alive socket between requests, or one that
 * connected and has not yet sent a whole request head). A connection with a request in
 * progress is never closed for this; when every one is busy, the newcomer is closed instead.
 * (A client that sends a head and then trickles its body counts as busy: the request timeout
 * ends it.)
 */
import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/** How often, at most, the log says the cap was reached. */
const WARN_EVERY_MS = 60_000;

export class ConnectionCap {
  /** Every open connection, with its requests in progress. */
  private readonly open = new Map<Socket, number>();
  /** Connections without a request in progress, longest idle first (a Set keeps insertion order). */
  private readonly idle = new Set<Socket>();
  private lastWarning = 0;

  constructor(
    server: Server,
    readonly max: number,
  ) {
    server.on('connection', (socket: Socket) => this.admit(socket));
    server.on('request', (req, res) => {
      const socket = req.socket;
      if (!this.open.has(socket)) return; // evicted or refused already
      this.open.set(socket, this.open.get(socket)! + 1);
      this.idle.delete(socket);
      let done = false;
      const finished = () => {
        if (done) return;
        done = true;
        const n = this.open.get(socket);
        if (n === undefined) return; // closed meanwhile
        this.open.set(socket, n - 1);
        if (n === 1) this.idle.add(socket); // idle again: the newest idle
      };
      res.once('finish', finished);
      res.once('close', finished);
    });
  }

  /** Open connections this server holds. */
  get size(): number {
    return this.open.size;
  }

  private admit(socket: Socket): void {
    if (this.open.size >= this.max) {
      const oldest = this.idle.values().next();
      if (oldest.done) {
        this.warn();
        socket.destroy();
        return;
      }
      this.warn();
      this.forget(oldest.value);
      oldest.value.destroy();
    }
    this.open.set(socket, 0);
    this.idle.add(socket);
    socket.once('close', () => this.forget(socket));
  }

  private forget(socket: Socket): void {
    this.open.delete(socket);
    this.idle.delete(socket);
  }

  private warn(): void {
    const now = Date.now();
    if (now - this.lastWarning < WARN_EVERY_MS) return;
    this.lastWarning = now;
    console.warn(`connection cap of ${this.max} reached: closing the longest-idle connection for each new one (MAX_CONNECTIONS)`);
  }
}

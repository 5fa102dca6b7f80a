// A TCP pass-through to a real server that a test can cut and restore, to simulate the database
// going away (every connection dropped, new ones refused) and coming back on the same address;
// or pause, to simulate a database that stops answering without closing anything (a network
// partition: connections stay open, bytes go nowhere, new connections are accepted and hang).
import { createConnection, createServer, type Server, type Socket } from "node:net";
import { createTestDatabaseUrl } from "./db";

export interface TcpProxy {
  port: number;
  stop(): Promise<void>;
  start(): Promise<void>;
  pause(): void;
  resume(): void;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let server: Server | undefined;
  const sockets = new Set<Socket>();
  const pairs = new Set<[Socket, Socket]>();
  let paused = false;
  let port = 0;
  const link = (client: Socket, upstream: Socket) => {
    client.pipe(upstream);
    upstream.pipe(client);
  };
  const start = () =>
    new Promise<void>((resolve, reject) => {
      server = createServer((client) => {
        const upstream = createConnection(target);
        const pair: [Socket, Socket] = [client, upstream];
        pairs.add(pair);
        for (const s of pair) {
          sockets.add(s);
          s.on("close", () => {
            sockets.delete(s);
            pairs.delete(pair);
          });
          s.on("error", () => {
            client.destroy();
            upstream.destroy();
          });
        }
        if (!paused) link(client, upstream);
      });
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        port = (server!.address() as { port: number }).port;
        resolve();
      });
    });
  await start();
  return {
    get port() {
      return port;
    },
    start,
    pause() {
      paused = true;
      for (const [c, u] of pairs) {
        c.unpipe(u);
        u.unpipe(c);
        c.pause();
        u.pause();
      }
    },
    resume() {
      paused = false;
      for (const [c, u] of pairs) {
        link(c, u);
        c.resume();
        u.resume();
      }
    },
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        sockets.clear();
        server ? server.close(() => resolve()) : resolve();
        server = undefined;
      }),
  };
}

/** A throwaway PostgreSQL database reached through a proxy the test controls; `url` goes via the proxy. */
export async function proxiedTestDatabase(): Promise<{
  url: string;
  proxy: TcpProxy;
  drop(): Promise<void>;
}> {
  const t = await createTestDatabaseUrl("postgres");
  const real = new URL(t.url);
  const proxy = await startTcpProxy({ host: real.hostname, port: Number(real.port || 5432) });
  const via = new URL(t.url);
  via.port = String(proxy.port);
  return { url: via.toString(), proxy, drop: t.drop };
}

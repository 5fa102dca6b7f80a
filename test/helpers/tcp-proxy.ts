// A TCP pass-through to a real server that a test can cut and restore, to simulate the database
// going away (every connection dropped, new ones refused) and coming back on the same address.
import { createConnection, createServer, type Server, type Socket } from "node:net";

export interface TcpProxy { port: number; stop(): Promise<void>; start(): Promise<void> }

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let server: Server | undefined;
  const sockets = new Set<Socket>();
  let port = 0;
  const start = () =>
    new Promise<void>((resolve, reject) => {
      server = createServer((client) => {
        const upstream = createConnection(target);
        for (const s of [client, upstream]) { sockets.add(s); s.on("close", () => sockets.delete(s)); s.on("error", () => { client.destroy(); upstream.destroy(); }); }
        client.pipe(upstream).pipe(client);
      });
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => { port = (server!.address() as { port: number }).port; resolve(); });
    });
  await start();
  return {
    get port() { return port; },
    start,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        sockets.clear();
        server ? server.close(() => resolve()) : resolve();
        server = undefined;
      }),
  };
}

// A local stand-in for Discord's attachment CDN: serves registered files at
// /attachments/<channel>/<id>/<name> (the shape of cdn.discordapp.com URLs) and counts downloads.
import { createServer } from "node:http";

export interface FakeCdn {
  add(name: string, data: Uint8Array): { id: string; url: string; size: number };
  downloads: string[];
  close(): Promise<void>;
}

export async function startFakeCdn(): Promise<FakeCdn> {
  const files = new Map<string, Uint8Array>();
  const downloads: string[] = [];
  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    const f = files.get(path);
    downloads.push(path);
    res.writeHead(f ? 200 : 404, { "content-type": "application/octet-stream" });
    res.end(f ? Buffer.from(f) : "");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  let n = 1;
  return {
    downloads,
    add(name, data) {
      const id = `12${String(n++).padStart(16, "0")}`;
      const path = `/attachments/333333333333333333/${id}/${encodeURIComponent(name)}`;
      files.set(path, data);
      return { id, url: `${base}${path}`, size: data.byteLength };
    },
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

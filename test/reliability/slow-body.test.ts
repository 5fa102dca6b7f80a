// A client that sends its request body slowly (a byte a second) cannot hold a connection for
// Node's default 300 s: the server answers 408 once the request timeout is up, and writes no
// error line. The server's own default is 15 s; this test sets 2 s to stay quick.
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHttpServer, REQUEST_TIMEOUT_MS, type HttpServer } from "../../src/app/http-server";
import { recordingLogger } from "../helpers/app";

const logger = recordingLogger();
let http: HttpServer;
let port: number;
beforeAll(async () => {
  http = createHttpServer(logger, { requestTimeoutMs: 2_000 });
  http.route({
    method: "POST",
    path: "/x",
    handler: (_req, res) => {
      res.end("ok");
    },
  });
  port = await http.listen(0, "127.0.0.1");
});
afterAll(() => http?.close(100));

describe("slow request bodies", () => {
  it("get 408 when the request timeout is up, not a connection held for minutes", async () => {
    expect(REQUEST_TIMEOUT_MS).toBeLessThanOrEqual(30_000);
    const started = Date.now();
    const answer = await new Promise<string>((resolve) => {
      let got = "";
      const s = connect(port, "127.0.0.1", () => {
        s.write(
          "POST /x HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{",
        );
        const drip = setInterval(() => s.write(" "), 1_000);
        s.on("close", () => {
          clearInterval(drip);
          resolve(got);
        });
      });
      s.on("data", (c) => {
        got += c.toString();
      });
      s.on("error", () => {});
    });
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(logger.lines.filter((l) => l.level === "error")).toEqual([]);
  }, 30_000);
});

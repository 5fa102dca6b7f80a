// Delivery details that no current command exercises end to end: files (files.uploadV2 through
// the fake Web API, to the DM when private), users.info → locale and admin flags, and a streamed
// answer whose response_url is refused before the final reply.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { webApi } from "@slack/bolt";
import { deliver } from "../../../src/adapters/slack/deliver";
import { People } from "../../../src/adapters/slack/people";
import { responder } from "../../../src/adapters/slack/response-url";
import { responseUrlStream } from "../../../src/adapters/slack/streaming";
import { recordingLogger } from "../../helpers/app";
import { startFakeSlack, type FakeSlack } from "../../helpers/fake-slack";

let fake: FakeSlack;
let client: webApi.WebClient;
beforeAll(async () => {
  fake = await startFakeSlack();
  client = new webApi.WebClient("xoxb-test", { slackApiUrl: fake.url });
});
afterAll(() => fake.close());

const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);

describe("slack delivery", () => {
  it("uploads a private reply's file to the learner's DM with files.uploadV2", async () => {
    const logger = recordingLogger();
    await deliver(
      { client, userId: "UF", channel: "C1" },
      [
        {
          text: "Your export",
          private: true,
          attachments: [{ filename: "progress.png", contentType: "image/png", data: png }],
        },
      ],
      logger,
    );
    const methods = fake.calls.map((c) => c.method);
    expect(methods).toEqual(
      expect.arrayContaining([
        "chat.postEphemeral",
        "conversations.open",
        "files.getUploadURLExternal",
        "upload",
        "files.completeUploadExternal",
      ]),
    );
    expect(fake.calls.find((c) => c.method === "files.getUploadURLExternal")!.body).toMatchObject({
      filename: "progress.png",
      length: String(png.length),
    });
    expect(fake.calls.find((c) => c.method === "upload")!.body.bytes).toBeGreaterThanOrEqual(
      png.length,
    );
    expect(
      fake.calls.find((c) => c.method === "files.completeUploadExternal")!.body.channel_id,
    ).toBe("DUF");
    expect(logger.lines.filter((l) => l.level === "error")).toEqual([]);
  });

  it("uploads a public reply's file into the same thread", async () => {
    await deliver(
      { client, userId: "UG", channel: "C2", threadTs: "1.2" },
      [
        {
          text: "Chart",
          attachments: [{ filename: "chart.png", contentType: "image/png", data: png }],
        },
      ],
      recordingLogger(),
    );
    const done = fake.calls.filter((c) => c.method === "files.completeUploadExternal").at(-1)!;
    expect(done.body).toMatchObject({ channel_id: "C2", thread_ts: "1.2" });
  });

  it("reads locale and admin flags from users.info and caches them", async () => {
    fake.users.UO = { locale: "zh-TW", is_owner: true, name: "Owner" };
    const people = new People(recordingLogger());
    const actor = await people.actor(client, { teamId: "T1", userId: "UO", channelId: "C1" });
    expect(actor).toMatchObject({
      platform: "slack",
      workspaceId: "T1",
      userId: "UO",
      platformLocale: "zh",
      isAdmin: true,
      displayName: "Owner",
      isDirectMessage: false,
    });
    await people.actor(client, { teamId: "T1", userId: "UO" });
    expect(
      fake.calls.filter((c) => c.method === "users.info" && c.body.user === "UO"),
    ).toHaveLength(1);
    const plain = await people.actor(client, { teamId: "T1", userId: "UP", channelId: "DUP" });
    expect(plain).toMatchObject({ platformLocale: "en", isAdmin: false, isDirectMessage: true });
  });

  it("delivers a streamed /ask answer another way when the response_url is refused before the final reply", async () => {
    const logger = recordingLogger();
    const url = fake.responseUrl();
    const respond = responder(url);
    const stream = responseUrlStream({ respond, ephemeral: true, logger });
    await stream.start("💭 Thinking…");
    fake.expireResponseUrl(url); // e.g. a very slow answer, or the uses ran out
    await stream.finish([{ text: "The final answer" }], (rest) =>
      deliver({ client, userId: "UST", channel: "C7", respond, allPrivate: true }, rest, logger),
    );
    const shown = await fake.waitFor(
      (c) => c.method === "chat.postEphemeral" && c.body.user === "UST",
      "answer by chat.postEphemeral",
    );
    expect(shown.body).toMatchObject({ channel: "C7", text: "The final answer" });
    expect(fake.calls.filter((c) => c.path === new URL(url).pathname).map((c) => c.status)).toEqual(
      [200, 404, 404],
    );
    expect(logger.lines.filter((l) => l.level === "warn").map((l) => l.msg)).toEqual([
      "final streamed reply could not replace the placeholder; delivering another way",
      "slack response_url failed; delivering another way",
    ]);
    expect(logger.lines.filter((l) => l.level === "error")).toEqual([]);
  });
});

// The scenario driven in the terminal chat: the app built as `npm start` builds it with the
// console on (createApp, startSurfaces with the console's lesson sender, runConsole), lines
// typed into an in-memory input stream and the output read back as the learner reads it.
// One learner per terminal, so everything shown is shown to that learner only.
import { Writable } from "node:stream";
import { PassThrough } from "node:stream";
import { createApp, type App } from "../../../src/app/app";
import { startSurfaces, type Surfaces } from "../../../src/app/surfaces";
import { FakeClock } from "../../../src/core/clock";
import { loadConfig } from "../../../src/config";
import { recordingLogger } from "../../helpers/app";
import { createTestDatabaseUrl } from "../../helpers/db";
import type { FakeOpenAi } from "../../helpers/fake-openai";
import { labelledLines, turn, typedAnswer, type FixtureCourse } from "./common";
import type { Learner, PlatformDriver, Shown } from "./driver";
import { lessonSlot, scenarioEnv, SCENARIO_START } from "./setup";

const DEADLINE_MS = 30_000;
const LESSON_HEADER = "📬 [weekly lesson";

const shown = (text: string): Shown => ({
  text,
  labels: [...text.matchAll(/\/(\w+) = (\w+)/g)].map((m) => m[2]),
  visibility: "private",
});

export function consoleDriver(llm: () => FakeOpenAi): PlatformDriver {
  const clock = new FakeClock(SCENARIO_START);
  const learners: [Learner, Learner] = [
    { id: "ann", name: "ann" },
    { id: "bo", name: "bo" },
  ];
  let app: App, surfaces: Surfaces, drop: () => Promise<void>;
  let input: PassThrough, done: Promise<void>;
  let out = "";
  // Written synchronously, so all replies to a line are here as soon as the first one is.
  const output = new Writable({
    write(chunk, _enc, cb) {
      out += String(chunk);
      cb();
    },
  });

  /** Types a line; returns everything printed in answer to it. */
  async function type(line: string): Promise<string> {
    const mark = out.length;
    const echo = `> ${line}\n`;
    input.write(`${line}\n`);
    const stop = Date.now() + DEADLINE_MS;
    for (;;) {
      const at = out.indexOf(echo, mark);
      if (at >= 0 && out.length > at + echo.length) return out.slice(at + echo.length).trim();
      if (Date.now() > stop) throw new Error(`no answer to "${line}"; output: ${out.slice(mark)}`);
      await turn();
    }
  }
  /** Replies are separated by a blank line; a question starts with its "== Question" title. */
  const lastQuestion = (text: string) => text.slice(text.lastIndexOf("== Question"));

  let onScreen = "";
  return {
    name: "console",
    caps: { streaming: false, channels: false },
    learners,
    async start(course: FixtureCourse) {
      const db = await createTestDatabaseUrl("sqlite");
      drop = db.drop;
      const logger = recordingLogger();
      const env = { ...scenarioEnv(course, llm()), DATABASE_URL: db.url, CONSOLE: "on" };
      app = await createApp(loadConfig(env), logger, { clock });
      input = new PassThrough();
      // The terminal is one of the registry's platforms: its chat and its lesson sender.
      surfaces = await startSurfaces(app, logger, {
        console: { user: learners[0].id, input, output },
      });
      done = surfaces.console!.done;
    },
    async stop() {
      input?.end();
      await done;
      await surfaces?.stop();
      await app?.close();
      await drop?.();
    },
    async startQuiz(_who, count) {
      onScreen = lastQuestion(await type(`/quiz count:${count}`));
      return shown(onScreen);
    },
    async answer(_who, q, value) {
      const text = await type(typedAnswer(q, value, labelledLines(onScreen)));
      const at = text.search(/\n== (Question|Quiz finished)/);
      if (at < 0) return { verdict: shown(text) };
      onScreen = text.slice(at + 1);
      return { verdict: shown(text.slice(0, at)), next: shown(onScreen) };
    },
    async hint() {
      return shown(await type("/hint"));
    },
    async skip() {
      return shown(await type("/skip"));
    },
    async ask(_who, question) {
      const text = await type(`/ask ${question}`);
      return { versions: [text], final: shown(text) };
    },
    async startRound(_who, count) {
      return shown(await type(`/quiz mode:channel count:${count}`));
    },
    answerRound() {
      throw new Error("the terminal has no channel rounds (caps.channels is false)");
    },
    timeUp() {
      throw new Error("the terminal has no channel rounds (caps.channels is false)");
    },
    async deliverLesson() {
      const slot = lessonSlot(clock.now());
      await type(`/lesson subscribe day:${slot.day} time:${slot.time} timezone:UTC`);
      clock.set(slot.due);
      // Each post starts with a header: "📬 [weekly lesson]" (the learner's own subscription)
      // or "📬 [weekly lesson → #channel]".
      const headers: string[] = [];
      const posted = async () => {
        const mark = out.length;
        await surfaces.scheduler!.tick();
        return out
          .slice(mark)
          .split(`\n${LESSON_HEADER}`)
          .slice(1)
          .map((t) => {
            const [header, ...body] = t.split("\n");
            headers.push(header);
            return shown(body.join("\n").trim());
          });
      };
      const first = await posted();
      const second = await posted();
      return { first, second, where: headers.some((h) => h.includes("→ #")) ? "channel" : "dm" };
    },
    async progress() {
      return shown(await type("/progress"));
    },
  };
}

// LessonSender for the terminal: scheduled lessons and reminders for console subscriptions are
// printed to the terminal the chat runs in.
import type { LessonSender } from "../../core/ports/lesson-sender";
import { renderReply } from "../../adapters/console/render";

export function consoleSender(output: NodeJS.WritableStream = process.stdout): LessonSender {
  const write = (header: string, body: string) => {
    output.write(`\n${header}\n${body}\n`);
  };
  const ansi = Boolean((output as { isTTY?: boolean }).isTTY);
  return {
    platform: "console",
    textOnly: true,
    async send(sub, reply) {
      write(
        sub.learnerExternalId ? "📬 [weekly lesson]" : `📬 [weekly lesson → #${sub.channelId}]`,
        renderReply(reply, { ansi }),
      );
    },
    async sendDirect(_learner, reply) {
      write("🔔 [reminder]", renderReply(reply, { ansi }));
    },
  };
}

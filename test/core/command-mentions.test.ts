// Replies name commands the way the surface types them (Actor.commandPrefix), rewritten at the
// bot's boundary: only real command names where a command starts, never inside URLs or paths.
import { describe, expect, it } from "vitest";
import { commandMentions, rewriteReply } from "../../src/core/command-mentions";

const names = ["quiz", "help", "forget-me", "lesson", "glossary"];

describe("commandMentions", () => {
  const slack = commandMentions("/coursebot ", names);

  it("rewrites command names in English and Chinese text, in code spans and at line starts", () => {
    expect(slack("Type /quiz to start one, or /help for commands.")).toBe(
      "Type /coursebot quiz to start one, or /coursebot help for commands.",
    );
    expect(slack("输入 /quiz 开始，或 /help 查看命令。")).toBe(
      "输入 /coursebot quiz 开始，或 /coursebot help 查看命令。",
    );
    expect(slack("/lesson subscribe\n/glossary <term>")).toBe(
      "/coursebot lesson subscribe\n/coursebot glossary <term>",
    );
    expect(slack("Start a quiz: `/quiz` (/help)")).toBe(
      "Start a quiz: `/coursebot quiz` (/coursebot help)",
    );
    expect(slack("type /forget-me confirm:yes")).toBe("type /coursebot forget-me confirm:yes");
  });

  it("leaves URLs, paths, unknown names and longer words alone", () => {
    for (const text of [
      "https://notes.example.edu/help",
      "see docs/quiz.md",
      "/quizzes are fun",
      "/unknown",
      "a/help",
      "/help-desk",
      "C:/quiz",
    ]) {
      expect(slack(text)).toBe(text);
    }
  });

  it("is the identity for the default prefix", () => {
    expect(commandMentions(undefined, names)("Type /quiz")).toBe("Type /quiz");
    expect(commandMentions("/", names)("Type /quiz")).toBe("Type /quiz");
  });

  it("covers a reply's title, text, footer, fields, typed button shortcuts and answer help", () => {
    const r = rewriteReply(
      {
        title: "/help",
        text: "/quiz",
        footer: "/lesson now",
        fields: [{ name: "/glossary", value: "/help" }],
        buttons: [{ type: "button", id: "x", label: "Hint", command: "/help" }],
      },
      slack,
    );
    expect(r).toMatchObject({
      title: "/coursebot help",
      text: "/coursebot quiz",
      footer: "/coursebot lesson now",
      fields: [{ name: "/coursebot glossary", value: "/coursebot help" }],
      buttons: [{ label: "Hint", command: "/coursebot help" }],
    });
  });
});

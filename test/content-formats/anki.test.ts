// /export missed: the questions a learner got wrong as an Anki package that opens with a SQLite
// reader and holds one note per missed question (front: prompt and options; back: answer and
// explanation) in the learner's language.
import Database from "better-sqlite3";
import { strFromU8, unzipSync } from "fflate";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ankiPackage } from "../../src/content-formats/anki-apkg";
import { actor, createTestApp, type TestApp } from "../helpers/app";
import { answerQuestions, singleChoice } from "../helpers/learning";

let app: TestApp;
beforeEach(async () => {
  app = await createTestApp("sqlite");
  app.services.decks = { ankiPackage: async (deck) => ankiPackage(deck) };
});
afterEach(async () => {
  await app.close();
});

function openDeck(data: Uint8Array) {
  const files = unzipSync(data);
  expect(Object.keys(files).sort()).toEqual(["collection.anki2", "media"]);
  expect(JSON.parse(strFromU8(files.media))).toEqual({});
  return new Database(Buffer.from(files["collection.anki2"]), { readonly: true });
}

type NoteRow = { id: number; flds: string; tags: string; guid: string };

describe("/export missed", () => {
  it("returns an .apkg whose collection holds a note for each missed question", async () => {
    const a = actor("u1");
    const qs = singleChoice(app).slice(0, 3);
    await answerQuestions(app, a, qs, [true, false, false]);
    const [r] = await app.bot.handleText(a, "/export missed");
    expect(r.private).toBe(true);
    const file = r.attachments?.[0];
    expect(file?.filename).toMatch(/^coursebot-missed-\d{4}-\d{2}-\d{2}\.apkg$/);
    const db = openDeck(file!.data);
    const notes = db.prepare("SELECT id, flds, tags, guid FROM notes").all() as NoteRow[];
    expect(notes).toHaveLength(2);
    const missed = [qs[1], qs[2]];
    for (const q of missed) {
      const note = notes.find((n) =>
        n.flds.includes(q.prompt.en.replace(/&/g, "&amp;").slice(0, 30)),
      );
      expect(note, q.id).toBeDefined();
      const [front, back] = note!.flds.split("\x1f");
      const right = q.choices.find((c) => c.id === q.answer)!;
      // Options on the front, the right one named on the back with the explanation.
      for (const c of q.choices)
        expect(front).toContain(c.text.en.slice(0, 20).replace(/&/g, "&amp;"));
      expect(back).toContain(right.text.en.slice(0, 20).replace(/&/g, "&amp;"));
      expect(back).toContain(q.explanation.en.slice(0, 20).replace(/&/g, "&amp;"));
      expect(note!.tags).toContain(q.lesson);
    }
    expect(notes.some((n) => n.flds.includes(qs[0].prompt.en.slice(0, 30)))).toBe(false);
    // Anki's own tables: one card per note in our deck, a Front/Back note type, schema 11.
    const cards = db.prepare("SELECT nid, did FROM cards").all() as { nid: number; did: number }[];
    expect(cards.map((c) => c.nid).sort()).toEqual(notes.map((n) => n.id).sort());
    const col = db.prepare("SELECT ver, models, decks FROM col").get() as {
      ver: number;
      models: string;
      decks: string;
    };
    expect(col.ver).toBe(11);
    const model = Object.values(JSON.parse(col.models))[0] as { flds: { name: string }[] };
    expect(model.flds.map((f) => f.name)).toEqual(["Front", "Back"]);
    const decks = JSON.parse(col.decks) as Record<string, { name: string }>;
    expect(decks[String(cards[0].did)].name).toContain("missed questions");
    db.close();
  });

  it("writes the cards in the learner's language", async () => {
    const a = actor("u2");
    await app.bot.handleText(a, "/settings language zh");
    const q = singleChoice(app)[0];
    await answerQuestions(app, a, [q], [false]);
    const [r] = await app.bot.handleText(a, "/export missed");
    const db = openDeck(r.attachments![0].data);
    const [note] = db.prepare("SELECT flds FROM notes").all() as NoteRow[];
    expect(note.flds).toContain(q.prompt.zh.slice(0, 10));
    expect(note.flds).toContain(q.explanation.zh.slice(0, 10));
    db.close();
  });

  it("says so when nothing was missed, and plain /export still gives the JSON", async () => {
    const a = actor("u3");
    await answerQuestions(app, a, singleChoice(app).slice(0, 1), [true]);
    const [r] = await app.bot.handleText(a, "/export missed");
    expect(r.attachments ?? []).toHaveLength(0);
    expect(r.text).toMatch(/not missed any question/);
    const [json] = await app.bot.handleText(a, "/export");
    expect(json.attachments?.[0].contentType).toBe("application/json");
  });
});

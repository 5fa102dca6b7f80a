// Writes an Anki package (.apkg): a zip holding `collection.anki2` (a SQLite database with
// Anki's schema version 11, which every Anki since 2.1 imports) and `media` (a JSON map of media
// files; empty here). One "Basic" note type with Front and Back fields, one deck, one card per
// note. The schema follows the AnkiDroid wiki's "Database Structure" page. better-sqlite3 builds
// the database in memory and serialises it; fflate zips it.
import { createHash } from "node:crypto";
import Database from "better-sqlite3";
import { strToU8, zipSync } from "fflate";
import type { FlashDeck } from "../core/ports/decks";

const SCHEMA = `
CREATE TABLE col (id integer primary key, crt integer not null, mod integer not null,
  scm integer not null, ver integer not null, dty integer not null, usn integer not null,
  ls integer not null, conf text not null, models text not null, decks text not null,
  dconf text not null, tags text not null);
CREATE TABLE notes (id integer primary key, guid text not null, mid integer not null,
  mod integer not null, usn integer not null, tags text not null, flds text not null,
  sfld integer not null, csum integer not null, flags integer not null, data text not null);
CREATE TABLE cards (id integer primary key, nid integer not null, did integer not null,
  ord integer not null, mod integer not null, usn integer not null, type integer not null,
  queue integer not null, due integer not null, ivl integer not null, factor integer not null,
  reps integer not null, lapses integer not null, left integer not null, odue integer not null,
  odid integer not null, flags integer not null, data text not null);
CREATE TABLE revlog (id integer primary key, cid integer not null, usn integer not null,
  ease integer not null, ivl integer not null, lastIvl integer not null, factor integer not null,
  time integer not null, type integer not null);
CREATE TABLE graves (usn integer not null, oid integer not null, type integer not null);
CREATE INDEX ix_notes_usn on notes (usn);
CREATE INDEX ix_cards_usn on cards (usn);
CREATE INDEX ix_revlog_usn on revlog (usn);
CREATE INDEX ix_cards_nid on cards (nid);
CREATE INDEX ix_cards_sched on cards (did, queue, due);
CREATE INDEX ix_revlog_cid on revlog (cid);
CREATE INDEX ix_notes_csum on notes (csum);
`;

/** Anki fields are HTML: escape the text and keep its line breaks. */
export function toHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/\n/g, "<br>");
}

const sha1 = (s: string) => createHash("sha1").update(s).digest("hex");
/** Anki's duplicate check: the first 8 hex digits of the SHA-1 of the sort field, as a number. */
const checksum = (s: string) => Number.parseInt(sha1(s).slice(0, 8), 16);
/** A 31-bit id from a name, so the same deck and note type keep their ids across exports. */
const stableId = (s: string) => Number.parseInt(sha1(s).slice(0, 8), 16) & 0x7fffffff;

const FIELD = { sticky: false, rtl: false, font: "Arial", size: 20, media: [] };

export function ankiPackage(deck: FlashDeck): Uint8Array {
  const now = deck.createdAt.getTime();
  const secs = Math.floor(now / 1000);
  const modelId = stableId("coursebot basic note type") + 1_000_000_000;
  const deckId = stableId(`coursebot deck ${deck.name}`) + 1_000_000_000;
  const model = {
    id: modelId,
    name: "coursebot (Front/Back)",
    type: 0,
    mod: secs,
    usn: -1,
    sortf: 0,
    did: deckId,
    tmpls: [
      {
        name: "Card 1",
        ord: 0,
        qfmt: "{{Front}}",
        afmt: '{{FrontSide}}<hr id="answer">{{Back}}',
        bqfmt: "",
        bafmt: "",
        did: null,
      },
    ],
    flds: [
      { name: "Front", ord: 0, ...FIELD },
      { name: "Back", ord: 1, ...FIELD },
    ],
    css: ".card { font-family: arial; font-size: 20px; text-align: left; color: black; background-color: white; }",
    latexPre:
      "\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n",
    latexPost: "\\end{document}",
    req: [[0, "all", [0]]],
    tags: [],
    vers: [],
  };
  const deckJson = (id: number, name: string, desc: string) => ({
    id,
    name,
    desc,
    mod: secs,
    usn: -1,
    collapsed: false,
    conf: 1,
    dyn: 0,
    extendNew: 10,
    extendRev: 50,
    newToday: [0, 0],
    revToday: [0, 0],
    lrnToday: [0, 0],
    timeToday: [0, 0],
  });
  const dconf = {
    1: {
      id: 1,
      name: "Default",
      mod: 0,
      usn: 0,
      maxTaken: 60,
      autoplay: true,
      timer: 0,
      replayq: true,
      dyn: false,
      new: {
        delays: [1, 10],
        ints: [1, 4, 7],
        initialFactor: 2500,
        order: 1,
        perDay: 20,
        bury: true,
        separate: true,
      },
      rev: {
        perDay: 100,
        ease4: 1.3,
        fuzz: 0.05,
        ivlFct: 1,
        maxIvl: 36500,
        bury: true,
        minSpace: 1,
      },
      lapse: { delays: [10], mult: 0, minInt: 1, leechFails: 8, leechAction: 0 },
    },
  };
  const conf = {
    activeDecks: [1],
    curDeck: 1,
    newSpread: 0,
    collapseTime: 1200,
    timeLim: 0,
    estTimes: true,
    dueCounts: true,
    curModel: String(modelId),
    nextPos: deck.cards.length + 1,
    sortType: "noteFld",
    sortBackwards: false,
    addToCur: true,
  };
  const db = new Database(":memory:");
  try {
    db.exec(SCHEMA);
    db.prepare("INSERT INTO col VALUES (1, ?, ?, ?, 11, 0, 0, 0, ?, ?, ?, ?, '{}')").run(
      secs,
      now,
      now,
      JSON.stringify(conf),
      JSON.stringify({ [modelId]: model }),
      JSON.stringify({
        1: deckJson(1, "Default", ""),
        [deckId]: deckJson(deckId, deck.name, deck.description),
      }),
      JSON.stringify(dconf),
    );
    const note = db.prepare("INSERT INTO notes VALUES (?, ?, ?, ?, -1, ?, ?, ?, ?, 0, '')");
    const card = db.prepare(
      "INSERT INTO cards VALUES (?, ?, ?, 0, ?, -1, 0, 0, ?, 0, 0, 0, 0, 0, 0, 0, 0, '')",
    );
    deck.cards.forEach((c, i) => {
      const front = toHtml(c.front);
      const id = now + i;
      // The guid ties a note to its question: re-importing a newer deck updates, not duplicates.
      const guid = sha1(`coursebot:${c.id}`).slice(0, 10);
      const tags = c.tags.length ? ` ${c.tags.map((t) => t.replace(/\s+/g, "_")).join(" ")} ` : "";
      note.run(
        id,
        guid,
        modelId,
        secs,
        tags,
        `${front}\x1f${toHtml(c.back)}`,
        front,
        checksum(c.front),
      );
      card.run(id, id, deckId, secs, i + 1);
    });
    return zipSync({
      "collection.anki2": new Uint8Array(db.serialize()),
      media: strToU8("{}"),
    });
  } finally {
    db.close();
  }
}

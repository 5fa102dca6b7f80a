// The flash-card deck port: the core decides which cards a learner gets and what they say; the
// app packs them into a file (an Anki .apkg, which needs SQLite and zip: not the core's business).

export interface FlashCard {
  /** Stable per question, so importing a newer deck updates the note instead of adding one. */
  id: string;
  /** Plain text; the writer escapes it. */
  front: string;
  back: string;
  tags: string[];
}

export interface FlashDeck {
  name: string;
  description: string;
  createdAt: Date;
  cards: FlashCard[];
}

export interface DeckPort {
  /** The deck as an Anki package (.apkg). */
  ankiPackage(deck: FlashDeck): Promise<Uint8Array>;
}

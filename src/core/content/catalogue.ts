// The course catalogue: every course this instance serves, by id, and the default one (the
// course a community runs until an admin chooses another with /course use).
import type { CourseIndex } from "./model";

export class Catalogue {
  readonly courses: ReadonlyMap<string, CourseIndex>;
  readonly defaultId: string;

  /** `preferred` is the default when the catalogue has it, else the first course. */
  constructor(indexes: readonly CourseIndex[], preferred?: string) {
    if (indexes.length === 0) throw new Error("a catalogue needs at least one course");
    this.courses = new Map(indexes.map((i) => [i.course.id, i]));
    this.defaultId = preferred && this.courses.has(preferred) ? preferred : indexes[0].course.id;
  }

  /** A catalogue of one course (tests, and a CONTENT_DIR that is one course folder). */
  static of(index: CourseIndex): Catalogue {
    return new Catalogue([index]);
  }

  get default(): CourseIndex {
    return this.courses.get(this.defaultId)!;
  }

  get(id: string): CourseIndex | undefined {
    return this.courses.get(id);
  }

  /** Every course, the default first, then by id. */
  list(): CourseIndex[] {
    return [...this.courses.values()].sort((a, b) =>
      a.course.id === this.defaultId
        ? -1
        : b.course.id === this.defaultId
          ? 1
          : a.course.id.localeCompare(b.course.id),
    );
  }

  /** What to say about an id the catalogue lacks: `no course "x" (courses: a, b)`. */
  unknown(id: string): string {
    return `no course "${id}" (courses: ${this.list()
      .map((c) => c.course.id)
      .join(", ")})`;
  }

  /** The course a channel runs: its own choice, else its community's, else the default. */
  resolve(choices: { channel?: string; community?: string }): CourseIndex {
    for (const id of [choices.channel, choices.community])
      if (id && this.courses.has(id)) return this.courses.get(id)!;
    return this.default;
  }
}

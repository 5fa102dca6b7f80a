// The adapter's own component ids. Core action ids use ":"; the adapter wraps them with a short
// "<kind>|…|" prefix for widgets the core does not know about (one button per option, the
// slot selects of ordering/matching, modals). Discord limits custom ids to 100 characters.
export const MAX_CUSTOM_ID = 100;
export const fits = (id: string) => id.length <= MAX_CUSTOM_ID;

export const customId = {
  pick: (optionId: string, action: string) => `pick|${optionId}|${action}`,
  multi: (action: string) => `multi|${action}`,
  askText: (action: string) => `ask|${action}`,
  orderSlot: (i: number, action: string) => `oslot|${i}|${action}`,
  matchSlot: (leftId: string, action: string) => `mslot|${leftId}|${action}`,
  submit: (action: string) => `submit|${action}`,
  textModal: (action: string) => `text|${action}`,
  tutorModal: (questionId: string) => `tutorq|${questionId}`,
  lessonModal: (lessonId: string) => `lessonq|${lessonId}`,
};

export type ParsedId =
  | { kind: "pick"; option: string; action: string }
  | { kind: "multi" | "ask" | "submit" | "text"; action: string }
  | { kind: "oslot" | "mslot"; key: string; action: string }
  | { kind: "tutorq"; questionId: string }
  | { kind: "lessonq"; lessonId: string }
  | { kind: "action"; action: string };

export function parseCustomId(id: string): ParsedId {
  const [kind, ...rest] = id.split("|");
  switch (kind) {
    case "pick":
    case "oslot":
    case "mslot":
      if (rest.length >= 2) {
        const [key, ...action] = rest;
        return kind === "pick"
          ? { kind, option: key, action: action.join("|") }
          : { kind, key, action: action.join("|") };
      }
      break;
    case "multi":
    case "ask":
    case "submit":
    case "text":
      if (rest.length) return { kind, action: rest.join("|") };
      break;
    case "tutorq":
      if (rest.length) return { kind, questionId: rest.join("|") };
      break;
    case "lessonq":
      if (rest.length) return { kind, lessonId: rest.join("|") };
      break;
  }
  return { kind: "action", action: id };
}

// Makes model output safe to post: mentions are neutralised by the one neutraliser
// (safe-text.ts), and anything that looks like a key or the system prompt's marker is removed.
export { neutraliseMentions } from "../safe-text";

const KEY_LIKE =
  /\b(sk-[A-Za-z0-9_-]{12,}|xox[abprs]-[A-Za-z0-9-]{10,}|xapp-[A-Za-z0-9-]{10,}|[MN][A-Za-z\d]{23,25}\.[\w-]{6}\.[\w-]{27,})\b/g;

/** Removes key-shaped strings and given secret values; reports whether the marker leaked. */
export function scrubSecrets(
  text: string,
  secrets: readonly string[] = [],
  marker?: string,
): { text: string; markerLeaked: boolean } {
  let out = text.replace(KEY_LIKE, "[removed]");
  for (const s of secrets) if (s.length >= 6) out = out.split(s).join("[removed]");
  const markerLeaked = !!marker && out.includes(marker);
  return { text: markerLeaked ? out.split(marker!).join("") : out, markerLeaked };
}

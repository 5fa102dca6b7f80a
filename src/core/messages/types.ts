// The types that make the catalogue checked by the compiler: which keys exist (from en.ts),
// which parameters each message takes (read out of its `{name}` placeholders) and what a
// locale file must look like (and one identity function that applies those checks).
import type { en } from "./en";
import type { zh } from "./zh";

/** A message: one text, or (where English needs it) a plural pair chosen by `{count}`. */
export type Entry = string | { readonly one: string; readonly other: string };

/** Every key of the catalogue; en.ts is the source. */
export type MessageKey = keyof typeof en;

/** The `{name}` placeholders in a text, as a union of names. */
export type ParamNames<S> = S extends `${string}{${infer P}}${infer Rest}`
  ? P | ParamNames<Rest>
  : never;

/** Every text form of an entry (a plural entry's forms may each use parameters). */
type Texts<E> = E extends { one: infer A; other: infer B } ? A | B : E;

/** What a key's texts may interpolate: the placeholders used by English or Chinese. */
export type AllowedParams<K extends MessageKey> =
  | ParamNames<Texts<(typeof en)[K]>>
  | ParamNames<Texts<(typeof zh)[K]>>;

export type ParamValue = string | number;

/** The arguments after the key: none for a plain text, an object of every placeholder otherwise. */
export type ParamsArg<K extends MessageKey> = [AllowedParams<K>] extends [never]
  ? []
  : [params: { [P in AllowedParams<K>]: ParamValue }];

/** A complete locale file: every key, plain texts or plural pairs. */
export type Messages = { readonly [K in MessageKey]: Entry };

/**
 * A partial locale file (a third language in progress): any subset of the keys, and each text may
 * use only the placeholders the key is called with. Missing keys fall back to English.
 */
export type PartialMessages<T> = {
  readonly [K in keyof T]: K extends MessageKey
    ? ParamNames<Texts<T[K]>> extends AllowedParams<K>
      ? Entry
      : `unknown placeholder in ${K}`
    : `no such key in en.ts: ${K & string}`;
};

/** The keys that take no parameters (a table of them can be rendered with msg(locale, key)). */
export type PlainKey = {
  [K in MessageKey]: [AllowedParams<K>] extends [never] ? K : never;
}[MessageKey];

/**
 * Declares a partial locale file with its checks: `export const fr = partialMessages({ … })`.
 * An unknown key or a placeholder the key is not called with is a compile error.
 */
export function partialMessages<const T extends Readonly<Record<string, Entry>>>(
  table: T & PartialMessages<T>,
): T {
  return table;
}

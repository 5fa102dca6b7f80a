// Types for unicode-confusables (plain CommonJS, ships none): UTS #39 confusables as a skeleton.
declare module "unicode-confusables" {
  export function isConfusing(text: string): boolean;
  export function rectifyConfusion(text: string): string;
  export function confusables(text: string): { point: string; similarTo?: string }[];
}

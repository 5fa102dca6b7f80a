// Types for scripts/build.mjs (plain JavaScript so it runs before anything is compiled).
export declare const ROOT: string;
export declare const DIST: string;
export declare const STAMP: string;
export declare const ENTRY_POINTS: Record<string, string>;
/** Why dist/ must be rebuilt, or undefined when it is up to date. */
export declare function staleReason(root?: string): string | undefined;
export declare function build(opts?: { quiet?: boolean }): Promise<void>;

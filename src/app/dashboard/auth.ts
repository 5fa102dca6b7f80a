// Dashboard sign-in: one-time links (10 minutes, single use) and browser sessions for one
// community. Tokens are 256 random bits; the database keeps only their SHA-256, so reading it
// gives no way in. The session cookie is HttpOnly and SameSite=Strict (Secure behind TLS); every
// form carries the session's CSRF token, compared in constant time.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { Clock } from "../../core/clock";
import type { DashboardLinks, DashboardSessionRecord } from "../../core/ports/dashboard";
import type { CommunityKey } from "../../core/ports/learning";
import type { Store } from "../../core/ports/store";

export const LINK_TTL_MS = 10 * 60_000;
export const SESSION_TTL_MS = 8 * 3_600_000;
export const COOKIE = "coursebot_dashboard";

export const newToken = () => randomBytes(32).toString("base64url");
export const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

export function createDashboardLinks(
  store: Store,
  clock: Clock,
  baseUrl: string | (() => string),
): DashboardLinks {
  return {
    async issue(community: CommunityKey) {
      const token = newToken();
      const expiresAt = new Date(clock.now().getTime() + LINK_TTL_MS);
      await store.dashboard.createLink(sha256(token), community, expiresAt);
      const base = typeof baseUrl === "string" ? baseUrl : baseUrl();
      return { url: `${base}/dashboard/login?token=${token}`, expiresAt };
    },
  };
}

/** Spends a link and opens a session; null when the link is unknown, used or expired. */
export async function signIn(
  store: Store,
  clock: Clock,
  linkToken: string,
): Promise<{ sid: string; community: CommunityKey } | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(linkToken)) return null;
  const now = clock.now();
  const community = await store.dashboard.consumeLink(sha256(linkToken), now);
  if (!community) return null;
  const sid = newToken();
  await store.dashboard.createSession(
    sha256(sid),
    community,
    newToken(),
    new Date(now.getTime() + SESSION_TTL_MS),
  );
  // Expired links and sessions go now and then; nothing depends on it happening.
  await store.dashboard.prune(now).catch(() => {});
  return { sid, community };
}

export function cookieValue(req: IncomingMessage, name: string): string | undefined {
  for (const part of String(req.headers.cookie ?? "").split(";")) {
    const i = part.indexOf("=");
    if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim();
  }
  return undefined;
}

export interface Session extends DashboardSessionRecord {
  sid: string;
}

export async function sessionOf(
  store: Store,
  clock: Clock,
  req: IncomingMessage,
): Promise<Session | null> {
  const sid = cookieValue(req, COOKIE);
  if (!sid || !/^[A-Za-z0-9_-]{20,100}$/.test(sid)) return null;
  const s = await store.dashboard.getSession(sha256(sid), clock.now());
  return s ? { ...s, sid } : null;
}

export function csrfOk(session: Session, sent: string | null): boolean {
  if (!sent) return false;
  const a = Buffer.from(session.csrf);
  const b = Buffer.from(sent);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Secure when the public address is https or a TLS proxy says the request came over TLS. */
export function isTls(req: IncomingMessage, baseUrl: string): boolean {
  return baseUrl.startsWith("https://") || req.headers["x-forwarded-proto"] === "https";
}

export function sessionCookie(sid: string, secure: boolean, maxAgeS: number): string {
  return [
    `${COOKIE}=${sid}`,
    "Path=/dashboard",
    "HttpOnly",
    "SameSite=Strict",
    `Max-Age=${maxAgeS}`,
    ...(secure ? ["Secure"] : []),
  ].join("; ");
}

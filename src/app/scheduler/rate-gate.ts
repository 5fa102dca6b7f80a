// A shared pause for senders that talk to a rate-limited HTTP API: when the platform answers
// 429 with retry_after, every request of this sender waits until then instead of hammering it.
// (discord.js REST and Slack's WebClient do this internally; hand-written HTTP senders use this.)
export class RateGate {
  private until = 0;
  /** Waits while the platform asked us to back off. */
  async wait(): Promise<void> {
    for (let ms = this.until - Date.now(); ms > 0; ms = this.until - Date.now()) await new Promise((r) => setTimeout(r, ms));
  }
  /** Records a retry_after (seconds) from a 429 answer. */
  backOff(retryAfterSeconds: number): void {
    const ms = Math.min(60_000, Math.max(0, retryAfterSeconds * 1000));
    this.until = Math.max(this.until, Date.now() + ms);
  }
}

/** Reads retry_after from a 429: JSON body {retry_after} (Discord) or the Retry-After header (Slack, HTTP). */
export function retryAfterSeconds(headers: { get(name: string): string | null }, body: unknown): number {
  const fromBody = (body as { retry_after?: unknown } | null)?.retry_after;
  if (typeof fromBody === "number" && Number.isFinite(fromBody)) return fromBody;
  const h = Number(headers.get("retry-after"));
  return Number.isFinite(h) && h >= 0 ? h : 1;
}

// A shared pace for senders that talk to a rate-limited HTTP API. When the platform answers 429
// with retry_after, every request of this sender waits until then AND later requests are
// spaced by that interval (one at a time, not all waiters at once, which would just earn more
// 429s); the spacing relaxes again as requests succeed. (discord.js REST and Slack's WebClient
// handle this internally; hand-written HTTP senders use this.)
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class RateGate {
  private next = 0;
  private spacing = 0;
  /** Waits for this request's turn. */
  async wait(): Promise<void> {
    for (;;) {
      const now = Date.now();
      if (now >= this.next) { this.next = now + this.spacing; return; }
      await sleep(this.next - now);
    }
  }
  /** Records a retry_after (seconds) from a 429 answer. */
  backOff(retryAfterSeconds: number): void {
    const ms = Math.min(60_000, Math.max(1, retryAfterSeconds * 1000));
    this.spacing = Math.min(1000, Math.max(this.spacing, ms));
    this.next = Math.max(this.next, Date.now() + ms);
  }
  /** A request went through: loosen the spacing a little. */
  passed(): void {
    this.spacing = this.spacing < 1 ? 0 : this.spacing * 0.98;
  }
}

/** Reads retry_after from a 429: JSON body {retry_after} (Discord) or the Retry-After header (Slack, HTTP). */
export function retryAfterSeconds(headers: { get(name: string): string | null }, body: unknown): number {
  const fromBody = (body as { retry_after?: unknown } | null)?.retry_after;
  if (typeof fromBody === "number" && Number.isFinite(fromBody)) return fromBody;
  const h = Number(headers.get("retry-after"));
  return Number.isFinite(h) && h >= 0 ? h : 1;
}

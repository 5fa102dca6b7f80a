// Crash mid-delivery (test/helpers/crash-delivery.ts): 300 Discord channels due at once, three
// instances as real processes, the delivering one killed with SIGKILL once, then (another run)
// twice. Prints duplicates and missing lessons as the fake Discord counts them (it honours
// enforce_nonce), how many re-posts Discord answered with the first message (nonce hits), and the
// worst-case delay: the last lesson's arrival after the first one's, i.e. what the takeovers cost
// (the delivery lease is taken over within 30 s, claims within LESSON_CLAIM_LEASE_SECONDS, 10 here).
import { crashDelivery } from "../test/helpers/crash-delivery";
import type { BenchResult } from "./lib/stats";

export default async function crash(): Promise<BenchResult> {
  const rows: Record<string, string | number>[] = [];
  for (const kills of [1, 2]) {
    const r = await crashDelivery({ subs: 300, kills });
    rows.push({
      channels: r.subs,
      "instances killed (of 3)": kills,
      delivered: r.delivered,
      duplicates: r.duplicates,
      missing: r.missing,
      "nonce hits": r.nonceHits,
      "worst-case delay (s)": r.worstDelayS,
      "total (s)": r.seconds,
    });
  }
  return {
    title:
      "Crash mid-delivery: kill -9 of the delivering instance, 300 Discord channels, 3 instances",
    rows,
    json: rows,
  };
}

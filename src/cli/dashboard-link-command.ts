// `npm run cli -- dashboard-link --community <id>`: prints a one-time dashboard sign-in link for
// operators (the same link an admin's /dashboard gives). <id> is `local` (the terminal chat),
// `<platform>:<workspace id>` (discord:1234…, slack:T0…), or a bare workspace id that names one
// community of the database.
import { createDashboardLinks } from "../app/dashboard/auth";
import { systemClock } from "../core/clock";
import type { CommunityKey } from "../core/ports/learning";
import { loadConfig, publicUrl } from "../config";
import { openDatabase } from "../db/connect";
import type { Db } from "../db/connect";
import { createStore } from "../db/store";

const USAGE = "usage: dashboard-link --community <local|platform:workspace id|workspace id>";

export function parseCommunityArg(args: string[]): string {
  let value: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].split("=", 2);
    if (flag === "--community") value = inline ?? args[++i];
    else throw new Error(`unknown option ${args[i]}; ${USAGE}`);
  }
  if (!value?.trim()) throw new Error(USAGE);
  return value.trim();
}

/** Which community an operator means; an error naming the choices when it is unclear. */
export async function resolveCommunity(db: Db, id: string): Promise<CommunityKey> {
  if (id === "local") return { platform: "console", workspaceId: "local" };
  const m = /^(console|discord|slack):(.+)$/.exec(id);
  if (m) return { platform: m[1], workspaceId: m[2] };
  const found = await db.learner.findMany({
    where: { workspaceId: id },
    distinct: ["platform"],
    select: { platform: true },
  });
  if (found.length === 1) return { platform: found[0].platform, workspaceId: id };
  throw new Error(
    found.length
      ? `workspace ${id} exists on ${found.map((f) => f.platform).join(" and ")}: say which, e.g. --community ${found[0].platform}:${id}`
      : `no learners in workspace ${id}; use local, discord:<guild id> or slack:<team id>`,
  );
}

export async function dashboardLink(args: string[]): Promise<number> {
  const id = parseCommunityArg(args);
  const config = loadConfig();
  const db = await openDatabase(config.DATABASE_URL);
  try {
    const community = await resolveCommunity(db.prisma, id);
    const store = createStore(db.prisma);
    const link = await createDashboardLinks(store, systemClock, publicUrl(config)).issue(community);
    console.log(link.url);
    console.error(
      `one-time link for ${community.platform}:${community.workspaceId}, valid until ${link.expiresAt.toISOString()}`,
    );
    return 0;
  } finally {
    await db.close();
  }
}

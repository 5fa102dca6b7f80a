// The dashboard's HTTP routes on the one server (GET /dashboard…): sign-in from a one-time link,
// the four pages and a question's page, CSV exports, retrying a lesson delivery and logout.
// Every page needs a session and shows only that session's community; every POST needs the
// session's CSRF token. Responses are never cached and may load nothing from elsewhere (CSP).
import type { IncomingMessage, ServerResponse } from "node:http";
import { ITEM_SORT_KEYS, sortItems, type ItemSortKey } from "../../core/dashboard/item-view";
import type { Locale } from "../../core/i18n";
import type { Logger } from "../../core/ports/logger";
import { UnavailableError } from "../../core/errors";
import type { HttpServer, RouteHandler } from "../http-server";
import {
  COOKIE,
  csrfOk,
  isTls,
  SESSION_TTL_MS,
  sessionCookie,
  sessionOf,
  sha256,
  signIn,
  type Session,
} from "./auth";
import { csv } from "./csv";
import { type DashboardDeps, loadClass, loadItems, loadLessons, loadTutor } from "./data";
import { html, type SafeHtml } from "./html";
import { bare, layout, type PageCtx, type PageId } from "./layout";
import { classPage } from "./pages/class-page";
import { itemPage, itemsPage } from "./pages/items-page";
import { lessonsPage } from "./pages/lessons-page";
import { tutorCsv, tutorPage } from "./pages/tutor-page";

const LANG_COOKIE = "coursebot_lang";

const SECURITY_HEADERS = {
  "cache-control": "no-store",
  "content-security-policy":
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "x-frame-options": "DENY",
};

function send(
  res: ServerResponse,
  status: number,
  body: string,
  type: string,
  headers: Record<string, string | string[]> = {},
) {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    "content-type": type,
    "content-length": Buffer.byteLength(body),
    ...headers,
  });
  res.end(body);
}

const sendHtml = (
  res: ServerResponse,
  status: number,
  page: SafeHtml,
  headers?: Record<string, string | string[]>,
) => send(res, status, page.value, "text/html; charset=utf-8", headers);

function redirect(
  res: ServerResponse,
  to: string,
  headers: Record<string, string | string[]> = {},
) {
  res.writeHead(303, { ...SECURITY_HEADERS, location: to, "content-length": 0, ...headers });
  res.end();
}

function localeOf(req: IncomingMessage, url: URL): { locale: Locale; setCookie?: string } {
  const asked = url.searchParams.get("lang");
  if (asked === "zh" || asked === "en")
    return {
      locale: asked,
      setCookie: `${LANG_COOKIE}=${asked}; Path=/dashboard; SameSite=Strict; Max-Age=31536000`,
    };
  const cookie = /(?:^|;\s*)coursebot_lang=(zh|en)/.exec(String(req.headers.cookie ?? ""));
  if (cookie) return { locale: cookie[1] as Locale };
  return { locale: /^zh\b/i.test(String(req.headers["accept-language"] ?? "")) ? "zh" : "en" };
}

/** Milliseconds of this process's CPU (user + system) since `from`. */
const cpuMs = (from: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(from);
  return ((d.user + d.system) / 1000).toFixed(1);
};

const tOf = (locale: Locale) => (zh: string, en: string) => (locale === "zh" ? zh : en);

function signedOut(res: ServerResponse, locale: Locale, status = 401) {
  const t = tOf(locale);
  sendHtml(
    res,
    status,
    bare(
      locale,
      t("请先登录", "Please sign in"),
      html`<p>${t(
        "看板没有密码：管理员在聊天里运行 /dashboard，会收到一个只给自己看的一次性登录链接（10 分钟内有效）。",
        "The dashboard has no passwords: an admin runs /dashboard in the chat and gets a private one-time sign-in link (valid 10 minutes).",
      )}</p>`,
    ),
  );
}

export function registerDashboard(http: HttpServer, deps: DashboardDeps, logger: Logger): void {
  const { store, clock } = deps;

  /** A page behind the session: its community, locale and CSRF token, or a 401 page. */
  const page =
    (
      id: PageId | null,
      render: (ctx: PageCtx, s: Session, url: URL, res: ServerResponse) => Promise<SafeHtml | null>,
    ) =>
    async (req: IncomingMessage, res: ServerResponse) => {
      const url = new URL(req.url ?? "/", "http://dashboard.invalid");
      const { locale, setCookie } = localeOf(req, url);
      const session = await sessionOf(store, clock, req);
      if (!session) return signedOut(res, locale);
      const langHref = (l: Locale) => {
        const q = new URLSearchParams(url.searchParams);
        q.set("lang", l);
        return `${url.pathname}?${q}`;
      };
      const ctx: PageCtx = {
        locale,
        t: tOf(locale),
        csrf: session.csrf,
        community: `${session.community.platform} · ${session.community.workspaceId}`,
        langHref: { zh: langHref("zh"), en: langHref("en") },
      };
      const started = performance.now();
      // CPU time as well as wall time: on a busy machine the wall time mostly measures the wait.
      const cpu0 = process.cpuUsage();
      const body = await render(ctx, session, url, res);
      if (!body) return; // the renderer answered itself (CSV, 404)
      const title = id
        ? ctx.t(
            { class: "班级", items: "题目", tutor: "助教", lessons: "课程推送" }[id],
            { class: "Class", items: "Items", tutor: "Tutor", lessons: "Lessons" }[id],
          )
        : ctx.t("题目详情", "Question");
      sendHtml(res, 200, layout(ctx, id, title, body), {
        "server-timing": `render;dur=${(performance.now() - started).toFixed(1)}, cpu;dur=${cpuMs(cpu0)}`,
        ...(setCookie ? { "set-cookie": setCookie } : {}),
      });
    };

  /** A POST behind the session and its CSRF token; 403 without either. */
  const action =
    (run: (s: Session, form: URLSearchParams, res: ServerResponse) => Promise<void>) =>
    async (req: IncomingMessage, res: ServerResponse, body: Buffer) => {
      const url = new URL(req.url ?? "/", "http://dashboard.invalid");
      const { locale } = localeOf(req, url);
      const form = new URLSearchParams(body.toString("utf8"));
      const session = await sessionOf(store, clock, req);
      if (!session) return signedOut(res, locale, 403);
      if (!csrfOk(session, form.get("csrf"))) {
        const t = tOf(locale);
        return sendHtml(
          res,
          403,
          bare(
            locale,
            t("请求被拒绝", "Request refused"),
            html`<p>${t("表单缺少有效的 CSRF 令牌。请返回页面重试。", "The form did not carry a valid CSRF token. Go back and try again.")}</p>`,
          ),
        );
      }
      await run(session, form, res);
    };

  /** A failure is a page too (not the server's JSON): "try again" when the database is away. */
  const failed = (req: IncomingMessage, res: ServerResponse, e: unknown) => {
    const url = new URL(req.url ?? "/", "http://dashboard.invalid");
    const { locale } = localeOf(req, url);
    const t = tOf(locale);
    const away = e instanceof UnavailableError;
    if (!away) logger.error({ path: url.pathname, err: String(e) }, "dashboard page failed");
    if (res.headersSent) return void res.end();
    sendHtml(
      res,
      away ? 503 : 500,
      bare(
        locale,
        away
          ? t("数据库暂时不可用", "The database is briefly unavailable")
          : t("出错了", "Something went wrong"),
        html`<p>${t("请稍后刷新页面。", "Please reload the page in a moment.")}</p>`,
      ),
    );
  };

  /** Every dashboard route answers its own failures (see failed). */
  const route = (method: string, path: string, handler: RouteHandler) =>
    http.route({
      method,
      path,
      handler: async (req, res, body) => {
        try {
          await handler(req, res, body);
        } catch (e) {
          failed(req, res, e);
        }
      },
    });

  const get = (path: string, handler: (req: IncomingMessage, res: ServerResponse) => unknown) =>
    route("GET", path, async (req, res) => void (await handler(req, res)));

  get("/dashboard", async (req, res) => {
    const url = new URL(req.url ?? "/", "http://dashboard.invalid");
    if (await sessionOf(store, clock, req)) return redirect(res, "/dashboard/class");
    signedOut(res, localeOf(req, url).locale);
  });

  // The link opens a page with a button: the POST spends the link. Link previews and scanners
  // that fetch the URL cannot use it up, and the token never sits in a Referer.
  get("/dashboard/login", async (req, res) => {
    const url = new URL(req.url ?? "/", "http://dashboard.invalid");
    const { locale } = localeOf(req, url);
    const t = tOf(locale);
    const token = url.searchParams.get("token") ?? "";
    sendHtml(
      res,
      200,
      bare(
        locale,
        t("登录教师看板", "Sign in to the instructor dashboard"),
        html`<form method="post" action="/dashboard/login"><input type="hidden" name="token" value="${token}">
<p>${t("这个链接只能用一次，10 分钟内有效。", "This link works once, within 10 minutes.")}</p>
<button type="submit">${t("打开看板", "Open the dashboard")}</button></form>`,
      ),
    );
  });

  route("POST", "/dashboard/login", async (req, res, body) => {
    const url = new URL(req.url ?? "/", "http://dashboard.invalid");
    const { locale } = localeOf(req, url);
    const t = tOf(locale);
    const token = new URLSearchParams(body.toString("utf8")).get("token") ?? "";
    const signed = await signIn(store, clock, token);
    if (!signed) {
      logger.info({}, "dashboard sign-in refused (unknown, used or expired link)");
      return sendHtml(
        res,
        403,
        bare(
          locale,
          t("链接无效", "Link not valid"),
          html`<p>${t(
            "这个链接已过期、已被使用或无效。请在聊天里重新运行 /dashboard。",
            "This link has expired, was already used, or is not valid. Run /dashboard in the chat again.",
          )}</p>`,
        ),
      );
    }
    logger.info({ platform: signed.community.platform }, "dashboard session opened");
    redirect(res, "/dashboard/class", {
      "set-cookie": sessionCookie(
        signed.sid,
        isTls(req, deps.baseUrl),
        Math.round(SESSION_TTL_MS / 1000),
      ),
    });
  });

  route(
    "POST",
    "/dashboard/logout",
    action(async (s, _form, res) => {
      await store.dashboard.deleteSession(sha256(s.sid));
      redirect(res, "/dashboard", {
        "set-cookie": `${COOKIE}=; Path=/dashboard; HttpOnly; SameSite=Strict; Max-Age=0`,
      });
    }),
  );

  get(
    "/dashboard/class",
    page("class", async (ctx, s) => classPage(ctx, await loadClass(deps, s.community))),
  );

  get(
    "/dashboard/items",
    page("items", async (ctx, s, url) => {
      const asked = url.searchParams.get("sort") as ItemSortKey | null;
      const key = asked && ITEM_SORT_KEYS.includes(asked) ? asked : "order";
      const desc = url.searchParams.get("dir") === "desc";
      const items = sortItems(await loadItems(deps, s.community), key, desc);
      return itemsPage(ctx, items, { key, desc });
    }),
  );

  get(
    "/dashboard/item",
    page(null, async (ctx, s, url, res) => {
      const q = deps.index.question(url.searchParams.get("id") ?? "");
      if (!q) {
        sendHtml(
          res,
          404,
          bare(
            ctx.locale,
            ctx.t("没有这道题", "No such question"),
            html`<p><a href="/dashboard/items">${ctx.t("全部题目", "All items")}</a></p>`,
          ),
        );
        return null;
      }
      const item = (await loadItems(deps, s.community)).find((i) => i.questionId === q.id);
      return itemPage(ctx, deps.index, q, item);
    }),
  );

  get(
    "/dashboard/items.csv",
    page(null, async (_ctx, s, _url, res) => {
      const items = await loadItems(deps, s.community);
      send(
        res,
        200,
        csv([
          [
            "question",
            "lesson",
            "topic",
            "attempts",
            "learners",
            "facility_pct",
            "discrimination",
            "top_wrong",
            "top_wrong_pct",
            "hint_pct",
            "skip_pct",
            "median_time_s",
            "tutor_blocked",
            "flags",
          ],
          ...items.map((i) => [
            i.questionId,
            i.lessonId,
            i.topic,
            i.attempts,
            i.learners,
            i.correctPct,
            i.discrimination,
            i.topWrong?.label,
            i.topWrongPct,
            i.hintPct,
            i.skipPct,
            i.medianTimeMs === null ? null : (i.medianTimeMs / 1000).toFixed(1),
            i.blockedAsks,
            i.flags.join(" "),
          ]),
        ]),
        "text/csv; charset=utf-8",
        { "content-disposition": 'attachment; filename="coursebot-items.csv"' },
      );
      return null;
    }),
  );

  get(
    "/dashboard/tutor",
    page("tutor", async (ctx, s, url) => {
      const { asks, figures } = await loadTutor(deps, s.community);
      return tutorPage(ctx, asks, figures, url.searchParams.get("names") === "1");
    }),
  );

  get(
    "/dashboard/tutor.csv",
    page(null, async (_ctx, s, url, res) => {
      const { asks } = await loadTutor(deps, s.community);
      send(
        res,
        200,
        tutorCsv(asks, url.searchParams.get("names") === "1"),
        "text/csv; charset=utf-8",
        {
          "content-disposition": 'attachment; filename="coursebot-tutor-questions.csv"',
        },
      );
      return null;
    }),
  );

  get(
    "/dashboard/lessons",
    page("lessons", async (ctx, s, url) => {
      const r = url.searchParams.get("retried");
      const notice =
        r === "1"
          ? ctx.t(
              "已安排重试，调度器会在下一次检查时发送。",
              "Retry scheduled: the scheduler sends it on its next tick.",
            )
          : undefined;
      return lessonsPage(ctx, deps.index, await loadLessons(deps, s.community), notice);
    }),
  );

  route(
    "POST",
    "/dashboard/lessons/retry",
    action(async (s, form, res) => {
      const ok = await store.dashboard.retryDelivery(
        s.community,
        form.get("delivery") ?? "",
        clock.now(),
      );
      if (!ok)
        return send(
          res,
          404,
          "no such failed delivery in this community\n",
          "text/plain; charset=utf-8",
        );
      redirect(res, "/dashboard/lessons?retried=1");
    }),
  );
}

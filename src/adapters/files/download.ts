// Downloads a file a user attached on a platform (a Discord attachment's CDN URL, a Slack file's
// url_private with the bot token), with a size limit and a deadline, so the core gets the bytes.
import type { FileArg } from "../../core/commands/types";
import { MAX_UPLOAD_BYTES } from "../../core/content/bundle";
import { bi, tr, type Locale } from "../../core/i18n";

export class DownloadError extends Error {
  constructor(
    message: string,
    readonly tooLarge = false,
  ) {
    super(message);
  }
}

export async function downloadFile(
  url: string,
  filename: string,
  opts: { headers?: Record<string, string>; maxBytes?: number; timeoutMs?: number } = {},
): Promise<FileArg> {
  const max = opts.maxBytes ?? MAX_UPLOAD_BYTES;
  let res: Response;
  try {
    res = await fetch(url, {
      headers: opts.headers,
      signal: AbortSignal.timeout(opts.timeoutMs ?? 20_000),
      redirect: "follow",
    });
  } catch (e) {
    throw new DownloadError(`download failed: ${(e as Error).message}`);
  }
  if (!res.ok) throw new DownloadError(`download failed: HTTP ${res.status}`);
  if (Number(res.headers.get("content-length") ?? 0) > max)
    throw new DownloadError(`file is larger than ${max} bytes`, true);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = res.body?.getReader();
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      throw new DownloadError(`file is larger than ${max} bytes`, true);
    }
    chunks.push(value);
  }
  const data = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    data.set(c, at);
    at += c.byteLength;
  }
  const contentType = res.headers.get("content-type") ?? undefined;
  return { filename, data, ...(contentType ? { contentType } : {}) };
}

/** What the user reads when the platform would not hand the file over. */
export function downloadFailedText(e: unknown, locale: Locale): string {
  const mb = MAX_UPLOAD_BYTES / 1024 / 1024;
  const tooLarge = e instanceof DownloadError && e.tooLarge;
  return tr(
    tooLarge
      ? bi(`文件太大（最多 ${mb} MB）。`, `The file is too large (at most ${mb} MB).`)
      : bi("无法下载附件，请重试。", "The attachment could not be downloaded; please try again."),
    locale,
  );
}

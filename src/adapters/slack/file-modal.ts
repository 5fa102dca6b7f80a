// The file form: Slack slash commands carry no files, so a command that asks for one (a reply
// with `fileRequest`, e.g. /coursebot content upload) opens a modal with a Block Kit
// `file_input`. Its private_metadata says which command to run again with the file, and where
// to answer (the slash command's response_url and channel).
import type { Locale } from "../../core/i18n";
import { safePlain } from "./mrkdwn";

export const FILE_VIEW = "slack.file";
export const FILE_BLOCK = "file";
export const FILE_INPUT = "upload";

export interface FileMeta {
  /** Core command, subcommand and the option the file goes in. */
  cmd: string;
  sub?: string;
  opt: string;
  /** response_url of the slash command, and its channel. */
  r?: string;
  c?: string;
}

export function fileModal(meta: FileMeta, title: string, text: string, locale: Locale) {
  const zh = locale === "zh";
  return {
    type: "modal",
    callback_id: FILE_VIEW,
    private_metadata: JSON.stringify(meta).slice(0, 3000),
    title: { type: "plain_text", text: safePlain(title, 24) },
    submit: { type: "plain_text", text: zh ? "上传" : "Upload" },
    close: { type: "plain_text", text: zh ? "取消" : "Cancel" },
    blocks: [
      { type: "section", text: { type: "plain_text", text: safePlain(text, 2900) } },
      {
        type: "input",
        block_id: FILE_BLOCK,
        label: { type: "plain_text", text: zh ? "文件" : "File" },
        element: {
          type: "file_input",
          action_id: FILE_INPUT,
          filetypes: ["yaml", "yml", "md", "zip"],
          max_files: 1,
        },
      },
    ],
  };
}

export function readFileMeta(raw: string | undefined): FileMeta | undefined {
  try {
    const m = JSON.parse(raw ?? "") as FileMeta;
    return typeof m.cmd === "string" && typeof m.opt === "string" ? m : undefined;
  } catch {
    return undefined;
  }
}

/** The file a file_input received (view_submission state). */
export function submittedFile(
  values: Record<string, Record<string, unknown>> | undefined,
): { name: string; url: string } | undefined {
  const input = values?.[FILE_BLOCK]?.[FILE_INPUT] as
    | {
        files?: {
          name?: string;
          title?: string;
          url_private?: string;
          url_private_download?: string;
        }[];
      }
    | undefined;
  const f = input?.files?.[0];
  const url = f?.url_private_download ?? f?.url_private;
  return f && url ? { name: f.name ?? f.title ?? "upload", url } : undefined;
}

// Slack as a platform: what it can do and its own word for admins. Kept free of Bolt so the
// registry can read it without loading the SDK.
import { bi } from "../../core/i18n";
import type { PlatformIdentity } from "../platform/contract";

export const SLACK: PlatformIdentity = {
  name: "slack",
  capabilities: {
    textOnly: false,
    edits: true,
    threads: true,
    forms: true,
    ephemeral: true,
    oneConversation: false,
  },
  terms: { admin: bi("工作区管理员或所有者", "workspace admins or owners") },
};

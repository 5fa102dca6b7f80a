// The terminal as a platform: plain text in, plain text out, one person, no edits or widgets.
import type { PlatformIdentity } from "../platform/contract";

export const CONSOLE: PlatformIdentity = {
  name: "console",
  capabilities: {
    textOnly: true,
    edits: false,
    threads: false,
    forms: false,
    ephemeral: false,
    oneConversation: true,
  },
};

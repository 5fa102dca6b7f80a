// Slack as a platform: what it can do and its own word for admins. Kept free of Bolt so the
// registry can read it without loading the SDK.
import { bilingual } from "../../core/messages/catalogue";
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
  terms: { admin: bilingual("adapters.slack.adminTerm") },
};

// Slack as a platform: what it can do and its own word for admins. Kept free of Bolt so the
// registry can read it without loading the SDK.
import { bilingual } from "../../core/messages/catalogue";
import { CHAT_CAPABILITIES, type PlatformIdentity } from "../platform/contract";

export const SLACK: PlatformIdentity = {
  name: "slack",
  capabilities: CHAT_CAPABILITIES,
  terms: { admin: bilingual("adapters.slack.adminTerm") },
};

// Verifies Discord's Ed25519 request signatures (x-signature-ed25519 over timestamp + raw body)
// with node:crypto alone. Any missing, malformed or wrong signature fails.
import { createPublicKey, verify, type KeyObject } from "node:crypto";

const SPKI_ED25519_PREFIX = Buffer.from("302a300506032b6570032100", "hex");

export function publicKeyFromHex(hex: string): KeyObject {
  return createPublicKey({
    key: Buffer.concat([SPKI_ED25519_PREFIX, Buffer.from(hex, "hex")]),
    format: "der",
    type: "spki",
  });
}

export function verifySignature(
  key: KeyObject,
  signature: string | undefined,
  timestamp: string | undefined,
  body: Buffer,
): boolean {
  if (!signature || !timestamp || !/^[0-9a-f]{128}$/i.test(signature) || timestamp.length > 32)
    return false;
  try {
    return verify(
      null,
      Buffer.concat([Buffer.from(timestamp, "utf8"), body]),
      key,
      Buffer.from(signature, "hex"),
    );
  } catch {
    return false;
  }
}

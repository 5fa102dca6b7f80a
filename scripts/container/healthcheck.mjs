// The container's HEALTHCHECK: exit 0 when GET /healthz on this container's PORT answers 200,
// 1 otherwise. Node itself, since the slim image has no curl or wget.
const port = process.env.PORT || "3000";
try {
  const res = await fetch(`http://127.0.0.1:${port}/healthz`, {
    signal: AbortSignal.timeout(4_000),
  });
  process.exit(res.status === 200 ? 0 : 1);
} catch {
  process.exit(1);
}

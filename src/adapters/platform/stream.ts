// Streaming a long answer (the tutor), written once for every platform. The core calls
// onProgress with the partial answer (at most about once a second); the platform shows a
// placeholder or the first partial, edits it with each later one, then puts the final reply in
// its place. The rules, whatever the platform:
// - updates run one after another, so a late partial never overwrites the final reply;
// - a failed update is logged and the next one still runs;
// - the final reply wins: partials arriving after finish() are dropped;
// - private stays private: a final reply that may not take the shown message's place (a private
//   refusal under a public placeholder) removes the placeholder and is delivered another way;
// - when the platform refuses the final edit, the replies are delivered another way.
import type { Logger } from "../../core/ports/logger";
import type { Reply } from "../../core/reply";

/** How one platform shows a stream: one message, posted once and then edited. */
export interface StreamSink {
  /** Shows the placeholder text (before any partial); `shown`: a message is already up. */
  placeholder?(text: string, shown: boolean): Promise<void>;
  /** Shows a partial answer: posts the message when `shown` is false, else edits it. */
  show(partial: Reply, shown: boolean): Promise<void>;
  /** Puts the final reply in place of the shown message (throws if the platform refuses). */
  replace(final: Reply): Promise<void>;
  /** Removes the shown message. */
  remove(): Promise<void>;
  /** Whether the final reply may take the shown message's place (same visibility). */
  fits(final: Reply): boolean;
  /** At most this many partial updates (Slack's response_url is good for five uses). */
  maxUpdates?: number;
}

export interface ProgressStream {
  /** Shows the placeholder now (otherwise the first partial creates the message). */
  start(text: string): Promise<void>;
  onProgress(partial: Reply): Promise<void>;
  /** The placeholder was shown another way (Discord's deferral "thinking…"). */
  markShown(): void;
  /** Drops partials from now on (the answer was delivered without the stream). */
  close(): void;
  /** Puts the first final reply in place of the streamed message; `rest` delivers the others
   *  (or all of them, when nothing was shown or the first may not go there). */
  finish(replies: Reply[], rest: (replies: Reply[]) => Promise<void>): Promise<void>;
}

/** A partial is progress text: no widgets or files until the final reply. */
export function partialView(partial: Reply): Reply {
  return { ...partial, buttons: undefined, question: undefined, attachments: undefined };
}

/** Runs updates one after another; a failed one is logged and the next still runs. */
export function serialQueue(logger: Logger, context: object = {}) {
  let chain: Promise<void> = Promise.resolve();
  return {
    run(fn: () => Promise<void>): Promise<void> {
      chain = chain
        .then(fn)
        .catch((e) =>
          logger.warn(
            { ...context, err: (e as Error)?.message ?? String(e) },
            "stream update failed",
          ),
        );
      return chain;
    },
    drain: () => chain,
  };
}

export function progressStream(
  sink: StreamSink,
  logger: Logger,
  context: object = {},
): ProgressStream {
  let shown = false;
  let done = false;
  let updates = 0;
  const queue = serialQueue(logger, context);
  return {
    start: (text) =>
      queue.run(async () => {
        if (done) return;
        if (sink.placeholder) await sink.placeholder(text, shown);
        else await sink.show({ text }, shown);
        shown = true;
      }),
    onProgress: (partial) =>
      queue.run(async () => {
        if (done || updates >= (sink.maxUpdates ?? Number.POSITIVE_INFINITY)) return;
        updates++;
        await sink.show(partialView(partial), shown);
        shown = true;
      }),
    markShown() {
      shown = true;
    },
    close() {
      done = true;
    },
    async finish(replies, rest) {
      done = true;
      await queue.drain();
      const [first, ...others] = replies;
      if (!shown || !first) return rest(replies);
      if (!sink.fits(first)) {
        await sink
          .remove()
          .catch((e) =>
            logger.warn({ ...context, err: (e as Error)?.message }, "placeholder delete failed"),
          );
        return rest(replies);
      }
      try {
        await sink.replace(first);
      } catch (e) {
        logger.warn(
          { ...context, err: (e as Error)?.message ?? String(e) },
          "final streamed reply could not replace the placeholder; delivering another way",
        );
        return rest(replies);
      }
      if (others.length) await rest(others);
    },
  };
}

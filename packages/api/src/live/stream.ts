import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { Env } from '../env.js';
import type { QaViewer } from '../store/questions.js';
import type { QaSignal } from './hub.js';

/** Timings of the live stream; tests shorten them. */
export const streamTiming = {
  /** A comment line this often keeps proxies from closing an idle stream. */
  keepAliveMs: 15_000,
  /**
   * A stream ends after this long and the client reconnects with Last-Event-ID: a fresh member
   * token and a fresh look at who may read the board, without missing a post.
   */
  maxMs: 10 * 60_000,
  /** What clients are told to wait before reconnecting. */
  retryMs: 3_000,
};

/**
 * Serves one board's live events as server-sent events: `question.created`, `answer.created`
 * (with an `id` to resume from), `question.updated`, `answer.updated` and `post.removed`, each
 * rendered as any peer sees the post (anonymous authors stay anonymous, no `mine` or `my_vote`).
 * The caller has already checked that the viewer may read the board; for a group's board that is
 * checked again before every event, so a member who leaves stops receiving them at once. That
 * check is one query per event, shared by all of this process's streams of the board. `onEnd`
 * runs when the stream ends, however it ends.
 */
export function boardStream(
  c: Context<Env>,
  viewer: QaViewer,
  groupId: string | null,
  lastEventId: number | null,
  onEnd: () => void,
): Response {
  const store = c.get('store').questions;
  return streamSSE(c, async (stream) => {
    const queue: QaSignal[] = [];
    let wake: (() => void) | null = null;
    let closed = false;
    stream.onAbort(() => {
      closed = true;
      wake?.();
    });
    const unsubscribe = await store.subscribe((signal) => {
      if (signal.tenantId !== viewer.tenant.id || signal.groupId !== groupId) return;
      queue.push(signal);
      wake?.();
    });
    const replayed = new Set<number>();

    /** Sends one signal's event; false when the viewer may no longer read the board. */
    const send = async (signal: QaSignal): Promise<boolean> => {
      if (signal.seq !== null && replayed.has(signal.seq)) return true;
      if (groupId !== null && !(await store.mayReadSignal(viewer, signal))) return false;
      if (signal.kind === 'removed') {
        await stream.writeSSE({
          event: 'post.removed',
          data: JSON.stringify({ id: signal.postId, question_id: signal.questionId }),
        });
        return true;
      }
      const post = await store.peerView(signal);
      if (!post) return true;
      await stream.writeSSE({
        event: `${signal.questionId ? 'answer' : 'question'}.${signal.kind}`,
        data: JSON.stringify(post),
        ...(signal.kind === 'created' && signal.seq !== null ? { id: String(signal.seq) } : {}),
      });
      return true;
    };

    try {
      await stream.writeSSE({
        event: 'ready',
        data: JSON.stringify({ group_id: groupId }),
        retry: streamTiming.retryMs,
      });
      if (lastEventId !== null) {
        for (const signal of await store.since(viewer.tenant.id, groupId, lastEventId)) {
          if (!(await send(signal))) return;
          replayed.add(signal.seq!);
        }
      }
      const started = Date.now();
      while (!closed && Date.now() - started < streamTiming.maxMs) {
        while (queue.length && !closed) {
          if (!(await send(queue.shift()!))) return;
        }
        if (closed) break;
        const left = streamTiming.maxMs - (Date.now() - started);
        const woken = await new Promise<boolean>((resolve) => {
          const timer = setTimeout(
            () => resolve(false),
            Math.max(0, Math.min(streamTiming.keepAliveMs, left)),
          );
          wake = () => {
            clearTimeout(timer);
            resolve(true);
          };
        });
        wake = null;
        if (!woken && !closed && Date.now() - started < streamTiming.maxMs)
          await stream.write(': keep-alive\n\n');
      }
    } finally {
      unsubscribe();
      onEnd();
    }
  });
}

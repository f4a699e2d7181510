import type { QaEvent } from './types.js';
import { EkProblemError } from './errors.js';
import { sleep, type Query, type Transport } from './transport.js';

export interface SubscribeOptions {
  /** Ends the subscription; the promise `subscribe` returned then resolves. */
  signal?: AbortSignal;
  /** Resume after this event id (the `id` of a `*.created` event an earlier subscription saw). */
  lastEventId?: string;
  /** Told when the stream dropped and is about to be opened again. */
  onReconnect?: (error: unknown) => void;
}

/** One message of a `text/event-stream`. */
interface SseMessage {
  event: string;
  data: string;
  id?: string;
  retry?: number;
}

/**
 * Follows a board's live events until `signal` aborts. It uses fetch, not EventSource, because
 * the key and the member token travel in headers. A dropped stream is opened again (the API
 * ends each one after ten minutes) with Last-Event-ID, so no new post is missed, and with a fresh
 * member token. Resolves when aborted; rejects with the problem when the API refuses the
 * subscription for good (404 for a board the member cannot read, 401 after a token refresh).
 */
export async function followStream(
  transport: Transport,
  path: '/v1/questions/stream',
  query: Query,
  onEvent: (event: QaEvent) => void,
  options: SubscribeOptions = {},
): Promise<void> {
  const { signal } = options;
  let lastEventId = options.lastEventId;
  let retryMs = 3000;
  let failures = 0;
  while (!signal?.aborted) {
    let dropped: unknown = null;
    try {
      const response = await transport.send('GET', path, {
        query,
        accept: 'text/event-stream',
        headers: lastEventId ? { 'last-event-id': lastEventId } : {},
        signal,
      });
      for await (const message of readMessages(response.body!, signal)) {
        failures = 0;
        if (message.retry !== undefined) retryMs = message.retry;
        if (message.id) lastEventId = message.id;
        if (!message.data) continue;
        onEvent({
          type: message.event,
          ...(message.id ? { id: message.id } : {}),
          data: JSON.parse(message.data),
        } as QaEvent);
      }
    } catch (error) {
      if (signal?.aborted) return;
      if (error instanceof EkProblemError && error.status !== 429 && error.status < 500) throw error;
      dropped = error;
    }
    if (signal?.aborted) return;
    options.onReconnect?.(dropped);
    // A stream the server ended on time is reopened at once; a failing one backs off.
    const wait = dropped === null ? 0 : Math.min(retryMs * 2 ** failures++, 60_000);
    // Aborted while waiting: the loop ends.
    await sleep(wait, signal).catch(() => undefined);
  }
}

/** Parses server-sent events from a byte stream; comments (keep-alives) are skipped. */
async function* readMessages(
  body: ReadableStream<Uint8Array>,
  signal: AbortSignal | undefined,
): AsyncGenerator<SseMessage> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const cancel = () => void reader.cancel().catch(() => undefined);
  signal?.addEventListener('abort', cancel, { once: true });
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, '\n');
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const message: SseMessage = { event: 'message', data: '' };
        const data: string[] = [];
        for (const line of block.split('\n')) {
          if (!line || line.startsWith(':')) continue;
          const colon = line.indexOf(':');
          const field = colon < 0 ? line : line.slice(0, colon);
          const text = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
          if (field === 'event') message.event = text;
          else if (field === 'data') data.push(text);
          else if (field === 'id') message.id = text;
          else if (field === 'retry' && /^\d+$/.test(text)) message.retry = Number(text);
        }
        if (data.length || message.retry !== undefined || message.id)
          yield { ...message, data: data.join('\n') };
      }
    }
  } finally {
    signal?.removeEventListener('abort', cancel);
    cancel();
  }
}

/** One server-sent event as a client reads it. */
export interface SseEvent {
  event: string;
  data: string;
  id?: string;
}

/**
 * Reads a `text/event-stream` response event by event: `next()` waits for the next event (or
 * fails after `ms`), `quiet(ms)` asserts that nothing arrives for a while, `close()` hangs up.
 */
export function readEvents(response: Response) {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const comments: string[] = [];
  let ended = false;

  function take(): SseEvent | null {
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end < 0) return null;
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event: SseEvent = { event: 'message', data: '' };
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) {
          comments.push(line);
          continue;
        }
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') event.event = value;
        else if (field === 'data') data.push(value);
        else if (field === 'id') event.id = value;
      }
      if (data.length === 0 && event.event === 'message') continue;
      event.data = data.join('\n');
      return event;
    }
  }

  let pending: Promise<ReadableStreamReadResult<string>> | null = null;
  async function next(ms = 5000): Promise<SseEvent> {
    const deadline = Date.now() + ms;
    for (;;) {
      const ready = take();
      if (ready) return ready;
      if (ended) throw new Error('the stream ended');
      pending ??= reader.read();
      const timer = new Promise<'timeout'>((resolve) =>
        setTimeout(() => resolve('timeout'), Math.max(0, deadline - Date.now())),
      );
      const result = await Promise.race([pending, timer]);
      if (result === 'timeout') throw new Error(`no event within ${ms} ms`);
      pending = null;
      if (result.done) ended = true;
      else buffer += result.value;
    }
  }

  return {
    next,
    /** The next event, its data parsed as JSON. */
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read whatever the event carried
    async nextJson(ms?: number): Promise<SseEvent & { json: any }> {
      const event = await next(ms);
      return { ...event, json: JSON.parse(event.data) };
    },
    /** Resolves when no event arrives within `ms`; rejects with the one that did. */
    async quiet(ms = 300): Promise<void> {
      try {
        const event = await next(ms);
        throw new Error(`expected no event, got ${event.event}: ${event.data}`);
      } catch (error) {
        if (!String((error as Error).message).startsWith('no event within')) throw error;
      }
    },
    /** Waits for the stream to end (the server closed it). */
    async ended(ms = 5000): Promise<boolean> {
      try {
        for (;;) await next(ms);
      } catch (error) {
        return String((error as Error).message) === 'the stream ended';
      }
    },
    comments,
    close: () => reader.cancel().catch(() => undefined),
  };
}

/**
 * One writer at a time per RTCRtpSender. Dynacast (./dynacast.ts), the uplink healer (through
 * dynacast) and the bitrate cap (./quality.ts) all change a camera sender's encodings. Each
 * change reads `getParameters()` afresh and writes with `setParameters()` inside a per-sender
 * queue, so two changes never interleave: an interleaved pair would either fail on a stale
 * transaction id or, worse, write back a flag the other had just changed.
 */

/** What is needed of a sender (RTCRtpSender, or a fake in tests). */
export interface ParameterSender {
  getParameters(): RTCRtpSendParameters;
  setParameters(parameters: RTCRtpSendParameters): Promise<void>;
}

const queues = new WeakMap<ParameterSender, Promise<unknown>>();

/**
 * Queues `change` for `sender`: it edits the fresh parameters in place and returns whether it
 * changed anything; only then are they written. Resolves with that; rejects with the write's
 * error (the queue goes on).
 */
export function updateSenderParameters(sender: ParameterSender, change: (parameters: RTCRtpSendParameters) => boolean): Promise<boolean> {
  return inSenderQueue(sender, async () => {
    const parameters = sender.getParameters();
    if (!change(parameters)) return false;
    await sender.setParameters(parameters);
    return true;
  });
}

/** Runs `run` in `sender`'s queue, after every change queued before it (settled or not). */
export function inSenderQueue<T>(sender: ParameterSender, run: () => Promise<T>): Promise<T> {
  const previous = queues.get(sender) ?? Promise.resolve();
  const next = previous.then(run, run);
  queues.set(sender, next.catch(() => undefined));
  return next;
}

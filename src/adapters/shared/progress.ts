/** How a platform shows that Coordo is working on something, and takes it back. */
export interface ProgressSign {
  show(): Promise<void>;
  hide(): Promise<void>;
}

/**
 * Run `work` with a sign of progress shown only once it has waited `delayMs`
 * (no flicker on quick work), and taken back once the work is done.
 */
export async function whileSlow<T>(work: () => Promise<T>, sign: ProgressSign, delayMs: number): Promise<T> {
  let shown: Promise<void> | undefined;
  const timer = setTimeout(() => (shown = sign.show()), delayMs);
  try {
    return await work();
  } finally {
    clearTimeout(timer);
    if (shown) await shown.then(() => sign.hide());
  }
}

/** Cut a text to `max` characters (Slack's field limits), marking the cut with an ellipsis. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** JSON from a Slack payload field (button value, private_metadata), or undefined when it is not JSON. Validate it after. */
export function parseJson(text: string | undefined): unknown {
  try {
    return JSON.parse(text ?? '');
  } catch {
    return undefined;
  }
}

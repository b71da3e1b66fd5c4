/** JSON from a payload field (button value, form metadata), or undefined when it is not JSON. Validate it after. */
export function parseJson(text: string | undefined): unknown {
  try {
    return JSON.parse(text ?? '');
  } catch {
    return undefined;
  }
}

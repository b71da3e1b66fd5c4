/** « a, b et c », « a ou b », « a, b ni c »: items joined as a French sentence lists them. */
export function frenchList(items: readonly string[], last: 'et' | 'ou' | 'ni' = 'et'): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${last} ${items.at(-1) ?? ''}`;
}

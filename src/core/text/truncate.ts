/** Shortens `value` to at most `max` characters, at a word boundary when there is one nearby, with an ellipsis. */
export function truncate(value: string, max: number): string {
  const flat = value.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,.;:·]+$/, '')}…`;
}

// No zod here: the browser counts characters (e.g. a description's counter) without loading the schemas.

/** Length in characters as people (and MySQL's varchar) count them: an emoji is one, not two UTF-16 units. */
export function characterCount(value: string): number {
  let count = 0;
  for (const _ of value) count++;
  return count;
}

export const DESCRIPTION_MAX = 1000;

/**
 * JSON with object keys sorted at every level, so equal values always hash alike. Keys sort by
 * UTF-16 code units (Array.prototype.sort's default order); undefined members are left out.
 * Every event appended or verified goes through here, so the common cases skip JSON.stringify:
 * strings with nothing to escape, finite numbers, booleans, and keys seen before.
 */
export function canonicalJson(value: unknown): string {
  if (typeof value === 'string') return quoted(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let out = '[';
    // A hole in a sparse array writes nothing between its commas, as Array.prototype.join does.
    for (let index = 0; index < value.length; index++)
      out += (index === 0 ? '' : ',') + (index in value ? canonicalJson(value[index]) : '');
    return `${out}]`;
  }
  const object = value as Record<string, unknown>;
  const keys = sortedInPlace(Object.keys(object));
  let out = '{';
  for (const key of keys) {
    const member = object[key];
    if (member === undefined) continue;
    out += `${out.length === 1 ? '' : ','}${quotedKey(key)}:${canonicalJson(member)}`;
  }
  return `${out}}`;
}

/** What JSON.stringify escapes: control characters, quote, backslash and (lone) surrogates. */
const NEEDS_ESCAPE = /[\u0000-\u001f"\\\ud800-\udfff]/;
const MAX_REMEMBERED_KEYS = 10_000;
const keyTexts = new Map<string, string>();

const MAX_KEYS_TO_INSERT = 16;

/**
 * The order of Array.prototype.sort's default (string `<` compares UTF-16 code units too). Events
 * have objects of a dozen keys at most, sorted by insertion: the built-in sort allocates a work
 * array on each call, about 4 KB per command on the append path.
 */
function sortedInPlace(keys: string[]): string[] {
  if (keys.length > MAX_KEYS_TO_INSERT) return keys.sort();
  for (let next = 1; next < keys.length; next++) {
    const key = keys[next] as string;
    let at = next;
    for (; at > 0 && (keys[at - 1] as string) > key; at--) keys[at] = keys[at - 1] as string;
    keys[at] = key;
  }
  return keys;
}

function quoted(text: string): string {
  return NEEDS_ESCAPE.test(text) ? JSON.stringify(text) : `"${text}"`;
}

function quotedKey(key: string): string {
  let text = keyTexts.get(key);
  if (text === undefined) {
    text = quoted(key);
    if (keyTexts.size < MAX_REMEMBERED_KEYS) keyTexts.set(key, text);
  }
  return text;
}

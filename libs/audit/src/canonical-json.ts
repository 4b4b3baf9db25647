/**
 * JSON with object keys sorted at every level, so equal values always hash alike. Keys sort by
 * UTF-16 code units (Array.prototype.sort's default order); undefined members are left out.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let out = '[';
    // A hole in a sparse array writes nothing between its commas, as Array.prototype.join does.
    for (let index = 0; index < value.length; index++) out += (index === 0 ? '' : ',') + (index in value ? canonicalJson(value[index]) : '');
    return `${out}]`;
  }
  const object = value as Record<string, unknown>;
  let out = '{';
  for (const key of Object.keys(object).sort()) {
    const member = object[key];
    if (member === undefined) continue;
    out += `${out.length === 1 ? '' : ','}${JSON.stringify(key)}:${canonicalJson(member)}`;
  }
  return `${out}}`;
}

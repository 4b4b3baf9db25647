/** The key of an `Authorization: Bearer <key>` header (scheme case-insensitive, any spacing), else undefined. */
export function bearerKeyOf(header: unknown): string | undefined {
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
  return match?.[1];
}

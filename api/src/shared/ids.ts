/** Opaque, typed global ids ("OrgUnit:42" in base64url), so that a client cannot mistake one kind for another. */
export function toGlobalId(type: string, id: number): string {
  return Buffer.from(`${type}:${id}`).toString('base64url');
}

export function fromGlobalId(globalId: string): { type: string; id: number } | null {
  const [type, raw] = Buffer.from(globalId, 'base64url').toString('utf8').split(':');
  const id = Number(raw);
  return type && Number.isSafeInteger(id) && id > 0 ? { type, id } : null;
}

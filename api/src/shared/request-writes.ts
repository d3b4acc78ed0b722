/**
 * How a request's writes are kept whole. A request runs in one transaction; each mutation field's work
 * normally runs in a savepoint of it, so that a field that fails leaves nothing half-written while the
 * fields before it stand. When the operation is one mutation field, the request's transaction is that
 * field's: the work joins it (two round trips fewer: no SAVEPOINT, no RELEASE), and a failure rolls the
 * whole transaction back instead of the savepoint.
 */
const soleWrites = new WeakSet<object>();
const failedWrites = new WeakSet<object>();

/** The request on this entity manager is one mutation field. */
export function markSoleWrite(em: object): void {
  soleWrites.add(em);
}

export function isSoleWrite(em: object): boolean {
  return soleWrites.has(em);
}

/** A sole write failed: its transaction must be rolled back, not committed. */
export function markWriteFailed(em: object): void {
  failedWrites.add(em);
}

export function hasWriteFailed(em: object): boolean {
  return failedWrites.has(em);
}

/** BatchInvoke: one result per event, in order; null for the events it has nothing for. */
export async function handler(events: readonly { id: number }[]): Promise<unknown[]> {
  return events.map((event) => (event.id < 0 ? null : { id: event.id, double: event.id * 2 }));
}

/** Forgets the last event. */
export async function short(events: readonly unknown[]): Promise<unknown[]> {
  return events.slice(0, -1);
}

/** Returns one object for the whole batch. */
export async function notAList(events: readonly unknown[]): Promise<unknown> {
  return { count: events.length };
}

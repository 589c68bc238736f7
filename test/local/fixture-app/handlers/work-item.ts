// Fixture Map item: slow enough that concurrency shows, and a named error for
// items called "broken" so Catch on an error name can be checked. Reports the
// worker's thread ID so the test can see the pool grew.
import { threadId } from 'node:worker_threads';

class ItemBrokenError extends Error {
  constructor(item: string) {
    super(`item ${item} is broken`);
    this.name = 'ItemBroken';
  }
}

export async function handler(event: { item: string }, context: { getRemainingTimeInMillis(): number; functionName: string }) {
  if (event.item === 'broken') throw new ItemBrokenError(event.item);
  await new Promise((resolve) => setTimeout(resolve, 300));
  return { item: event.item.toUpperCase(), threadId, remainingMs: context.getRemainingTimeInMillis(), functionName: context.functionName };
}

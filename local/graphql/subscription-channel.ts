// Fan-out for local subscriptions: each subscriber gets an async iterator of
// the mutation results it matches. AppSync's rule for subscription arguments:
// every argument the subscriber set must equal the same-named field of the
// mutation's result.
export type Match = (payload: Record<string, unknown>) => boolean;

export function argumentFilter(args: Record<string, unknown>): Match {
  const required = Object.entries(args).filter(([, value]) => value !== null && value !== undefined);
  return (payload) => required.every(([name, value]) => payload[name] === value);
}

interface Subscriber {
  readonly matches: Match;
  push(value: Record<string, unknown>): void;
}

export class SubscriptionHub {
  readonly #subscribers = new Map<string, Set<Subscriber>>();

  /** Deliver a mutation result to every subscriber of `subscriptionField` whose arguments match. */
  publish(subscriptionField: string, payload: Record<string, unknown>): void {
    for (const s of this.#subscribers.get(subscriptionField) ?? []) if (s.matches(payload)) s.push(payload);
  }

  /** Each event is yielded as `{ [subscriptionField]: payload }`, the root value graphql's subscribe expects. */
  subscribe(subscriptionField: string, matches: Match): AsyncGenerator<Record<string, unknown>> {
    const queue: Record<string, unknown>[] = [];
    let wake: (() => void) | undefined;
    let closed = false;
    const subscriber: Subscriber = {
      matches,
      push(value) {
        queue.push({ [subscriptionField]: value });
        wake?.();
      },
    };
    const set = this.#subscribers.get(subscriptionField) ?? new Set();
    set.add(subscriber);
    this.#subscribers.set(subscriptionField, set);
    const remove = () => {
      closed = true;
      set.delete(subscriber);
      wake?.();
    };
    async function* events(): AsyncGenerator<Record<string, unknown>> {
      try {
        while (!closed) {
          const next = queue.shift();
          if (next) {
            yield next;
            continue;
          }
          await new Promise<void>((resolve) => (wake = resolve));
          wake = undefined;
        }
      } finally {
        remove();
      }
    }
    return events();
  }

  get size(): number {
    return [...this.#subscribers.values()].reduce((n, s) => n + s.size, 0);
  }
}

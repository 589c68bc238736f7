// Walking and adjusting a state machine definition (Amazon States Language,
// JSONPath) before the interpreter runs it.

export type StateDefinition = Record<string, unknown> & { Type?: string; Resource?: string };
export interface Definition extends Record<string, unknown> {
  StartAt: string;
  States: Record<string, StateDefinition>;
}

/** setTimeout's limit (~24.8 days); Step Functions' own default task timeout (99,999,999 s) is clamped to it. */
export const MAX_TIMEOUT_SECONDS = Math.floor(2_147_483_647 / 1000);

/** Every state, including those inside Map and Parallel states, with its name. */
export function allStates(definition: { States?: Record<string, StateDefinition> }): [string, StateDefinition][] {
  const out: [string, StateDefinition][] = [];
  for (const [name, state] of Object.entries(definition.States ?? {})) {
    out.push([name, state]);
    const nested = [state.ItemProcessor, state.Iterator, ...(Array.isArray(state.Branches) ? state.Branches : [])];
    for (const sub of nested) if (sub && typeof sub === 'object') out.push(...allStates(sub as { States?: Record<string, StateDefinition> }));
  }
  return out;
}

/**
 * A copy the local interpreter runs as Step Functions would: a Task without a
 * timeout has Step Functions' (practically unlimited) default instead of the
 * interpreter's 60 s, within what a timer can hold.
 */
export function forLocalRun(definition: Definition, patch: (name: string, state: StateDefinition) => StateDefinition = (_n, s) => s): Definition {
  const copy = structuredClone(definition);
  const visit = (d: { States?: Record<string, StateDefinition> }) => {
    for (const [name, state] of Object.entries(d.States ?? {})) {
      let next = state;
      if (next.Type === 'Task') {
        if (next.TimeoutSeconds === undefined && next.TimeoutSecondsPath === undefined) next = { ...next, TimeoutSeconds: MAX_TIMEOUT_SECONDS };
        else if (typeof next.TimeoutSeconds === 'number') next = { ...next, TimeoutSeconds: Math.min(next.TimeoutSeconds, MAX_TIMEOUT_SECONDS) };
      }
      next = patch(name, next);
      if (d.States) d.States[name] = next;
      for (const sub of [next.ItemProcessor, next.Iterator, ...(Array.isArray(next.Branches) ? next.Branches : [])]) {
        if (sub && typeof sub === 'object') visit(sub as { States?: Record<string, StateDefinition> });
      }
    }
  };
  visit(copy);
  return copy;
}

/** Reads a simple reference path (`$.a.b[0]`) from a document; undefined when absent. */
export function readPath(path: string, document: unknown): unknown {
  if (path === '$') return document;
  const parts = path.replace(/^\$\.?/, '').match(/[^.[\]]+|\[\d+\]/g) ?? [];
  let value: unknown = document;
  for (const part of parts) {
    if (value === null || typeof value !== 'object') return undefined;
    const key = part.startsWith('[') ? Number(part.slice(1, -1)) : part;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

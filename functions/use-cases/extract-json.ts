// Models wrap JSON in prose and code fences; this finds the JSON value in a
// reply (a fenced ```json block first, else the first balanced object) so
// every agent's text takes the same parsing path.

export class NoJsonError extends Error {
  constructor(why: string) {
    super(why);
    this.name = 'NoJsonError';
  }
}

const FENCED = /```(?:json|JSON)?[ \t]*\r?\n([\s\S]*?)```/g;

export function extractJson(text: string): unknown {
  for (const match of text.matchAll(FENCED)) {
    const inside = (match[1] ?? '').trim();
    if (inside.startsWith('{') || inside.startsWith('[')) return parse(inside);
  }
  const start = text.indexOf('{');
  if (start < 0) throw new NoJsonError('the reply holds no JSON object');
  const end = balancedEnd(text, start);
  if (end < 0) throw new NoJsonError('the JSON object in the reply is not closed');
  return parse(text.slice(start, end + 1));
}

function parse(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch (error) {
    throw new NoJsonError(`the reply's JSON does not parse: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Index of the brace closing the object opened at `start`, skipping braces inside strings; -1 if none. */
function balancedEnd(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) return i;
  }
  return -1;
}

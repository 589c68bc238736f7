// Configuration from the environment, parsed with zod once at cold start: a
// missing or malformed variable fails the function's init, loudly, instead of
// the first request that happens to need it. Each handler states the fields it
// reads; the shared field definitions below keep names and rules in one place.
import { z } from 'zod';

export class ConfigError extends Error {
  constructor(problems: readonly string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

const name = z.string().trim().min(1);

/** Environment variables shared by several functions. Area-specific ones live beside their handlers. */
export const CommonConfig = {
  /** The single campaign table. */
  TABLE_NAME: name,
  /** The `mcc` event bus: Campaign Updated and Workfront events go here. */
  EVENT_BUS_NAME: name,
} as const;

export function loadConfig<S extends z.ZodRawShape>(shape: S, source: NodeJS.ProcessEnv = process.env): z.output<z.ZodObject<S>> {
  const result = z.object(shape).safeParse(source);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${source[String(issue.path[0])] === undefined ? 'is not set' : issue.message}`),
  );
}

import { z } from 'zod';
import type { Refusal } from './http-server.ts';

const TypedObject = z.looseObject({ type: z.string() });

/** A bad request body, by why (answered 400). */
export const malformed = (reason: string): Refusal => ({ status: 400, reason });

/**
 * A request body (parsed JSON; undefined when it was not JSON) whose `type`
 * names the schema it must match: null when it does, else why not (`not_json`,
 * `not_an_object`, `unknown_type`, `bad_<type>`).
 */
export function checkTyped(value: unknown, schemas: Readonly<Record<string, z.ZodType>>): Refusal | null {
  if (value === undefined) return malformed('not_json');
  const typed = TypedObject.safeParse(value);
  if (!typed.success) return malformed('not_an_object');
  const schema = Object.hasOwn(schemas, typed.data.type) ? schemas[typed.data.type] : undefined;
  if (!schema) return malformed('unknown_type');
  return schema.safeParse(value).success ? null : malformed(`bad_${typed.data.type}`);
}

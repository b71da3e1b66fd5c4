import { z } from 'zod';
import type { DelegationField } from '../../workflows/delegation/draft-schema.ts';
import { ACTIONS } from '../../workflows/delegation/model.ts';
import { isRequestId } from '../../workflows/delegation/request-id.ts';
import { fieldAction } from './delegation-ids.ts';

/** What a transition button carries: the request and the version the card showed. Never trusted for rights. */
export const ButtonValueSchema = z.object({ id: z.string().refine(isRequestId), v: z.number().int().min(1) });
/** The comment modal's private_metadata: the button's value and the action. */
export const CommentMetadataSchema = ButtonValueSchema.extend({ action: z.enum(ACTIONS) });
export type CommentMetadata = z.infer<typeof CommentMetadataSchema>;

const ElementStateSchema = z.object({
  type: z.string(),
  value: z.string().nullish(),
  selected_user: z.string().nullish(),
  selected_date: z.string().nullish(),
  selected_option: z.object({ value: z.string() }).nullish(),
  selected_options: z.array(z.object({ value: z.string() })).nullish(),
});
const StateValuesSchema = z.record(z.string(), z.record(z.string(), ElementStateSchema));
type StateValues = z.infer<typeof StateValuesSchema>;

/** The state of one field's element (block id = field name); nothing when the payload is unreadable. */
export function elementOf(raw: unknown, field: DelegationField): StateValues[string][string] | undefined {
  const parsed = StateValuesSchema.safeParse(raw);
  return parsed.success ? parsed.data[field]?.[fieldAction(field)] : undefined;
}

/** The submitted form, field by field, for the neutral schema to check (nothing checked yet). */
export function readForm(raw: unknown): Record<DelegationField, unknown> {
  const parsed = StateValuesSchema.safeParse(raw);
  const values: StateValues = parsed.success ? parsed.data : {};
  const element = (field: DelegationField) => values[field]?.[fieldAction(field)];
  return {
    delegueUserId: element('delegueUserId')?.selected_user,
    delegueProfessionId: element('delegueProfessionId')?.selected_option?.value,
    acts: element('acts')?.value ?? '',
    natures: (element('natures')?.selected_options ?? []).map((o) => o.value),
    protocol: element('protocol')?.selected_option?.value ?? '',
    patients: element('patients')?.value ?? '',
    setting: element('setting')?.selected_option?.value,
    startDate: element('startDate')?.selected_date ?? '',
    comment: element('comment')?.value ?? undefined,
  };
}

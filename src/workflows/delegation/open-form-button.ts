import { z } from 'zod';
import type { ReplyButton } from '../../engine/reply.ts';
import { isCalendarDay } from './calendar.ts';
import { NATURES, SETTINGS } from './model.ts';

/** Action id of the « Faire une demande » button; the Slack delegation feature opens the form on it. */
export const OPEN_FORM_ACTION = 'delegation_open_form';

/**
 * What the button may pre-fill (short values only: a button value holds 2,000
 * characters). Untrusted on the way back: ids unknown to the registries are ignored,
 * and the form checks everything on submission.
 */
export const FormPrefillSchema = z.object({
  protocol: z.string().max(100).optional(),
  profession: z.string().max(100).optional(),
  natures: z.array(z.enum(NATURES)).max(NATURES.length).optional(),
  setting: z.enum(SETTINGS).optional(),
  startDate: z.string().refine(isCalendarDay).optional(),
});
export type FormPrefill = z.infer<typeof FormPrefillSchema>;

/**
 * The « Faire une demande de délégation » button a lookup answer can carry, e.g.
 * under a protocol found by `matchProtocolsByActs`: `openFormButton({ protocol: p.id, profession: p.delegues[0] })`.
 */
export function openFormButton(prefill: FormPrefill = {}): ReplyButton {
  return { actionId: OPEN_FORM_ACTION, label: 'Faire une demande de délégation', value: JSON.stringify(prefill) };
}

/** The pre-fill carried by a button value, or nothing when it is unreadable. */
export function readPrefill(value: string | undefined): FormPrefill {
  try {
    const parsed = FormPrefillSchema.safeParse(JSON.parse(value ?? '{}'));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

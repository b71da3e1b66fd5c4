import { z } from 'zod';
import { patientDataProblem } from '../../privacy/patient-data-guard.ts';
import { isCalendarDay } from './calendar.ts';
import type { DelegationCatalog } from './catalog.ts';
import { NATURES, NEW_LOCAL_PROTOCOL, SETTINGS, type DelegationDraft } from './model.ts';
import { deleguesOf, type ProfessionGroups } from './state-machine.ts';

export const MAX_ACTS_CHARS = 3000;
export const MAX_PATIENTS_CHARS = 1500;
export const MAX_COMMENT_CHARS = 2000;

const optionalText = z
  .string()
  .trim()
  .optional()
  .nullable()
  .transform((v) => (v ? v : undefined));

/**
 * The form as any adapter reads it (strings, nothing checked yet). Field names are
 * also the Slack block ids, so each message lands next to its field.
 */
export const DelegationFormSchema = z.object({
  delegueUserId: optionalText,
  delegueProfessionId: optionalText,
  acts: z
    .string({ error: 'Décrivez les actes à déléguer.' })
    .trim()
    .min(1, 'Décrivez les actes à déléguer.')
    .max(MAX_ACTS_CHARS, `Décrivez les actes en ${MAX_ACTS_CHARS} caractères au plus.`),
  natures: z
    .array(z.enum(NATURES, { error: 'Nature inconnue.' }), { error: 'Choisissez au moins une nature des actes.' })
    .min(1, 'Choisissez au moins une nature des actes.'),
  protocol: z.string({ error: 'Choisissez un protocole, ou « Nouveau protocole local ».' }).min(1, 'Choisissez un protocole, ou « Nouveau protocole local ».'),
  patients: z
    .string({ error: 'Décrivez les patients concernés (critères, sans les identifier).' })
    .trim()
    .min(1, 'Décrivez les patients concernés (critères, sans les identifier).')
    .max(MAX_PATIENTS_CHARS, `Décrivez les patients en ${MAX_PATIENTS_CHARS} caractères au plus.`),
  setting: z.enum(SETTINGS, { error: "Choisissez le cadre d'exercice." }),
  startDate: z
    .string({ error: 'Indiquez la date de début.' })
    .refine(isCalendarDay, 'Indiquez une date de début valide (AAAA-MM-JJ).'),
  comment: optionalText.refine((v) => v === undefined || v.length <= MAX_COMMENT_CHARS, {
    message: `Le commentaire ne doit pas dépasser ${MAX_COMMENT_CHARS} caractères.`,
  }),
});
export type DelegationForm = z.input<typeof DelegationFormSchema>;
export type DelegationField = keyof z.infer<typeof DelegationFormSchema>;

export interface DraftContext {
  delegantUserId: string;
  catalog: DelegationCatalog;
  groups: ProfessionGroups;
  /** Today in Paris, YYYY-MM-DD: the start date may not be earlier. */
  today: string;
}


const FREE_TEXT_FIELDS = ['acts', 'patients', 'comment'] as const;

type Form = z.infer<typeof DelegationFormSchema>;
type Errors = Partial<Record<DelegationField, string>>;
export type DraftResult = { ok: true; draft: DelegationDraft } | { ok: false; errors: Errors };

/**
 * Check a submitted form against the registries and the team's configuration.
 * Each field is checked on its own, then against the others, so that every invalid
 * field gets its French message at once. A draft is returned only when all pass.
 */
export function parseDraft(input: unknown, context: DraftContext): DraftResult {
  const { raw, values, errors } = checkFields(input);
  for (const [field, message] of contextIssues(values, context)) errors[field] ??= message;
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const form = DelegationFormSchema.parse(raw);
  return {
    ok: true,
    draft: {
      delegantUserId: context.delegantUserId,
      delegueUserId: form.delegueUserId,
      delegueProfessionId: form.delegueProfessionId,
      acts: form.acts,
      natures: [...new Set(form.natures)],
      protocol: form.protocol === NEW_LOCAL_PROTOCOL ? { kind: 'new_local' } : { kind: 'registry', protocolId: form.protocol },
      patients: form.patients,
      setting: form.setting,
      startDate: form.startDate,
      comment: form.comment,
    },
  };
}

/** Each field checked on its own by the form schema: the values that pass, and a French message for the others. */
export function checkFields(input: unknown): { raw: Record<string, unknown>; values: Partial<Form>; errors: Errors } {
  const record = z.record(z.string(), z.unknown()).safeParse(input);
  const raw = record.success ? record.data : {};
  const values: Partial<Form> = {};
  const errors: Errors = {};
  for (const field of Object.keys(DelegationFormSchema.shape) as DelegationField[]) {
    const result = DelegationFormSchema.shape[field].safeParse(raw[field]);
    if (result.success) Object.assign(values, { [field]: result.data });
    else errors[field] = result.error.issues[0]?.message ?? 'Valeur invalide.';
  }
  return { raw, values, errors };
}

/** Checks that need the registries, the configuration, today's date or several fields. */
function contextIssues(form: Partial<Form>, context: DraftContext): [DelegationField, string][] {
  const issues: [DelegationField, string][] = [];
  const issue = (field: DelegationField, message: string) => issues.push([field, message]);
  const profession = form.delegueProfessionId === undefined ? undefined : context.catalog.professions.find((p) => p.id === form.delegueProfessionId);

  const parties = { delegantUserId: context.delegantUserId, delegueUserId: form.delegueUserId, delegueProfessionId: form.delegueProfessionId };

  if (form.delegueUserId === undefined && form.delegueProfessionId === undefined) {
    issue('delegueUserId', 'Indiquez le délégué : un membre de l’équipe, une profession, ou les deux.');
  }
  if (form.delegueUserId !== undefined && form.delegueUserId === context.delegantUserId) {
    issue('delegueUserId', 'Vous ne pouvez pas vous déléguer des actes à vous-même : choisissez un autre membre de l’équipe.');
  }
  if (form.delegueProfessionId !== undefined) {
    if (profession === undefined) {
      issue('delegueProfessionId', 'Profession inconnue du registre : choisissez-la dans la liste.');
    } else if (!profession.mayBeDelegue) {
      issue('delegueProfessionId', `La profession « ${profession.label} » ne peut pas être déléguée d’un protocole de coopération.`);
    } else if (form.delegueUserId !== context.delegantUserId && deleguesOf(parties, context.groups).length === 0) {
      // Nobody but the requester could answer: the request would wait forever.
      const members = context.groups[profession.id] ?? [];
      issue(
        'delegueProfessionId',
        members.length === 0
          ? `Aucun membre de l’équipe n’est enregistré comme « ${profession.label} » : choisissez aussi un délégué nommé.`
          : `Vous êtes le seul membre de l’équipe enregistré comme « ${profession.label} » : personne d’autre ne pourrait répondre. Choisissez aussi un délégué nommé.`,
      );
    }
  }

  if (form.protocol !== undefined && form.protocol !== NEW_LOCAL_PROTOCOL) {
    const protocol = context.catalog.protocols.find((p) => p.id === form.protocol);
    if (protocol === undefined) {
      issue('protocol', 'Protocole inconnu du registre : choisissez-le dans la liste, ou « Nouveau protocole local ».');
    } else if (profession?.mayBeDelegue && !context.catalog.protocolAllowsDelegue(protocol.id, profession.id)) {
      issue('protocol', `Le protocole « ${protocol.title} » ne prévoit pas la profession « ${profession.label} » comme déléguée.`);
    }
  }

  if (form.startDate !== undefined && form.startDate < context.today) {
    issue('startDate', 'La date de début ne peut pas être dans le passé.');
  }

  for (const field of FREE_TEXT_FIELDS) {
    const text = form[field];
    // Free texts are stored: none may hold a patient identifier, whatever the adapter.
    const refusal = text === undefined ? null : patientDataProblem(text, 'store');
    if (refusal !== null) issue(field, refusal);
  }
  return issues;
}

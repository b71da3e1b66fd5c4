import { z } from 'zod';
import type { FieldsAsk } from '../../llm/structured.ts';
import { MAX_ACTS_CHARS, MAX_COMMENT_CHARS, MAX_PATIENTS_CHARS } from './draft-schema.ts';
import { NATURES, NEW_LOCAL_PROTOCOL, SETTINGS, SETTING_LABELS } from './model.ts';

export interface DelegationChoices {
  /** Today, AAAA-MM-JJ, to turn « lundi » or « dans 15 jours » into a date. */
  today: string;
  professions: readonly { id: string; label: string }[];
  protocols: readonly { id: string; title: string }[];
}

const nullableText = (max: number) => z.string().trim().min(1).max(max).nullable();

/**
 * Fields of a delegation request read from a free-text message, named as the
 * delegation form's fields (draft-schema.ts); null or empty = not said. Ids
 * are restricted to the team's registries.
 */
function delegationFieldsSchema(choices: DelegationChoices) {
  const ids = <T extends { id: string }>(items: readonly T[], extra: string[] = []) => {
    const all = [...items.map((i) => i.id), ...extra];
    return all.length > 0 ? z.enum(all as [string, ...string[]]).nullable() : z.null();
  };
  return z.object({
    delegueProfessionId: ids(choices.professions).describe('Profession du délégué sollicité (identifiant de la liste)'),
    acts: nullableText(MAX_ACTS_CHARS).describe('Actes à déléguer'),
    natures: z.array(z.enum(NATURES)).describe('Nature des actes : préventive, diagnostique, thérapeutique'),
    protocol: ids(choices.protocols, [NEW_LOCAL_PROTOCOL]).describe('Protocole de coopération (identifiant de la liste)'),
    patients: nullableText(MAX_PATIENTS_CHARS).describe('Patients concernés : critères, jamais d’identité'),
    setting: z.enum(SETTINGS).nullable().describe("Cadre d'exercice"),
    startDate: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .nullable()
      .describe('Date de début, AAAA-MM-JJ'),
    comment: nullableText(MAX_COMMENT_CHARS).describe('Autres précisions utiles'),
  });
}
export type DelegationFields = z.infer<ReturnType<typeof delegationFieldsSchema>>;

/** The model step's question for these registries: the schema and the prompt's lists. */
export function delegationFieldsAsk(choices: DelegationChoices): FieldsAsk<DelegationFields> {
  return {
    schema: delegationFieldsSchema(choices),
    values: {
      today: choices.today,
      professions: choices.professions.map((p) => `- ${p.id} : ${p.label}`).join('\n') || '(aucune)',
      protocols: [...choices.protocols.map((p) => `- ${p.id} : ${p.title}`), `- ${NEW_LOCAL_PROTOCOL} : nouveau protocole local`].join('\n'),
      natures: NATURES.join(', '),
      settings: SETTINGS.map((s) => `${s} (${SETTING_LABELS[s]})`).join(', '),
    },
  };
}

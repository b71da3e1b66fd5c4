import { z } from 'zod';

/**
 * Schemas of the domain registries (files under `knowledge/registries/` and the
 * teams' own `protocoles-locaux*.yml`). Types are inferred from the schemas so
 * that what is validated at load is exactly what the code reads.
 */

const kebabId = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'identifiant attendu en minuscules sans accents, mots séparés par des tirets');
const text = z.string().trim().min(1, 'texte vide');
const sources = z.array(text).min(1, 'au moins une source est exigée');

/** A fact with its own sources (so an answer cites exactly what backs it). */
export const FactSchema = z.strictObject({ text, sources });
export type Fact = z.infer<typeof FactSchema>;

/** A list of items sharing the same sources (steps, missions, sizes…). */
export const ListFactSchema = z.strictObject({ items: z.array(text).min(1, 'liste vide'), sources });
export type ListFact = z.infer<typeof ListFactSchema>;

export const ProfessionCategorySchema = z.enum([
  'medicale',
  'pharmacie',
  'auxiliaire-medical',
  /** Regulated, but outside the three categories of the code (aides-soignants, ambulanciers…). */
  'autre-reglementee',
  'non-reglementee',
  /** Named by a source without its category (biologistes, assistants médicaux…). */
  'non-precisee',
]);
export type ProfessionCategory = z.infer<typeof ProfessionCategorySchema>;

export const ProfessionSchema = z.strictObject({
  id: kebabId,
  label: text,
  /** Plural form, lowercase, for lists ("masseurs-kinésithérapeutes"). */
  plural: text,
  /** Other names, abbreviations, plural and familiar forms (kiné, IDE…). */
  variants: z.array(text).default([]),
  category: ProfessionCategorySchema,
  /** Specialty of another profession (cardiologue → medecin): its protocols count for the parent too. */
  parent: kebabId.optional(),
  /** Has its own Ordre (one of the seven). */
  ordre: z.boolean(),
  /** Has its own URPS (union régionale des professionnels de santé). */
  urps: z.boolean(),
  /** Named by ARS Auvergne-Rhône-Alpes among the professions that may join a protocol, beyond art. L4011-1. */
  cooperationAra: z.boolean().default(false),
  sources,
  notes: text.optional(),
});
export type Profession = z.infer<typeof ProfessionSchema>;

export const PracticeFormSchema = z.strictObject({
  id: kebabId,
  acronym: text.optional(),
  label: text,
  variants: z.array(text).default([]),
  definition: FactSchema,
  composition: FactSchema.optional(),
  legalForm: FactSchema.optional(),
  legalBasis: FactSchema.optional(),
  validatedBy: FactSchema.optional(),
  funding: z.array(FactSchema).default([]),
  missions: ListFactSchema.optional(),
  sizes: ListFactSchema.optional(),
  steps: ListFactSchema.optional(),
  history: z.array(FactSchema).default([]),
});
export type PracticeForm = z.infer<typeof PracticeFormSchema>;

export const ProtocolNatureSchema = z.enum(['preventive', 'diagnostique', 'therapeutique']);

export const ProtocolSchema = z.strictObject({
  id: kebabId,
  title: text,
  scope: z.enum(['national', 'local']),
  /** Profession ids (checked against professions.yml at load). */
  delegants: z.array(kebabId).default([]),
  delegues: z.array(kebabId).default([]),
  acts: z.array(text).default([]),
  nature: z.array(ProtocolNatureSchema).default([]),
  patients: text,
  setting: text,
  training: text.optional(),
  legal: text.optional(),
  history: z.array(text).default([]),
  status: text,
  sources,
  /** Words and lay phrases people use for this protocol (angine, mal de gorge…). */
  keywords: z.array(text).default([]),
  /** Points where sources disagree, or are silent. */
  notes: z.array(text).default([]),
  /** Team that owns a local protocol. */
  team: text.optional(),
});
/** A protocol as loaded; `file` (relative to the knowledge folder) is set for local protocols. */
export type Protocol = z.infer<typeof ProtocolSchema> & { file?: string };

export const GlossaryEntrySchema = z
  .strictObject({
    term: text,
    expansion: text.optional(),
    definition: text.optional(),
    /** Other spellings or forms of the term (plural expansions, older names). */
    variants: z.array(text).default([]),
    sources,
  })
  .refine((entry) => entry.expansion !== undefined || entry.definition !== undefined, {
    message: 'une entrée du glossaire doit avoir un développement (expansion) ou une définition',
  });
export type GlossaryEntry = z.infer<typeof GlossaryEntrySchema>;

/** Groups of equivalent words: lay words, synonyms, English → French. */
export const SynonymGroupSchema = z.array(text).min(2, 'un groupe de synonymes compte au moins deux termes');

export const ProfessionsFileSchema = z.array(ProfessionSchema);
export const PracticeFormsFileSchema = z.array(PracticeFormSchema);
export const ProtocolsFileSchema = z.array(ProtocolSchema);
export const GlossaryFileSchema = z.array(GlossaryEntrySchema);
export const SynonymsFileSchema = z.array(SynonymGroupSchema);

/** A team's own protocols: `protocoles-locaux*.yml` anywhere in the knowledge folder. */
export const LocalProtocolsFileSchema = z.strictObject({
  equipe: text,
  protocoles: z.array(ProtocolSchema.omit({ scope: true, team: true })).min(1, 'aucun protocole dans le fichier'),
});

export interface Registries {
  professions: Profession[];
  forms: PracticeForm[];
  protocols: Protocol[];
  glossary: GlossaryEntry[];
  synonyms: string[][];
  /** Local protocol files left out because of problems; the other files are served. */
  skippedLocalFiles: SkippedLocalFile[];
}

/** A `protocoles-locaux*.yml` file left out, with every problem found in it (one French line each: entry, field, problem). */
export interface SkippedLocalFile {
  file: string;
  problems: string[];
}

/** A registry file that cannot be used; `file` is relative to the knowledge folder. */
export class RegistryError extends Error {
  override readonly name = 'RegistryError';
  constructor(
    readonly file: string,
    readonly fieldPath: string,
    readonly detail: string,
  ) {
    super(`Registre ${file}, champ ${fieldPath || '(racine)'} : ${detail}`);
  }
}

import { z } from 'zod';
import { OpeningSchema } from './places.ts';
import { BodySiteSchema } from './body-sites.ts';
import { RequirementsSchema } from './delegate-requirements.ts';
import { IsoDaySchema } from './dated.ts';

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
  /** Exercised by a médecin or a pharmacien (biologiste médical). */
  'medecin-ou-pharmacien',
  /** Named by a source without its category (assistants médicaux…). */
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
  /** National protocols the sources count for the profession, where the registry describes only some of them. */
  countedProtocols: z
    .strictObject({
      count: z.number().int().positive(),
      /** How they split (« 3 en échographie, 1 en radiologie interventionnelle »). */
      detail: text.optional(),
      /** When the count was made (« fin 2023 »). */
      asOf: text.optional(),
      source: text,
    })
    .optional(),
  sources,
  notes: text.optional(),
});
export type Profession = z.infer<typeof ProfessionSchema>;

/** One of the members a practice form needs at least: so many of a profession (or its specialties), or of a category. */
export const MinimumMemberSchema = z
  .strictObject({ count: z.number().int().positive(), profession: kebabId.optional(), category: ProfessionCategorySchema.optional() })
  .refine((member) => (member.profession === undefined) !== (member.category === undefined), 'un membre minimal nomme une profession ou une catégorie');
export type MinimumMember = z.infer<typeof MinimumMemberSchema>;

/** Who makes up a practice form; `minimum`, in checkable form, the members its text says it needs at least. */
export const CompositionSchema = z.strictObject({ text, sources, minimum: z.array(MinimumMemberSchema).optional() });

export const PracticeFormSchema = z.strictObject({
  id: kebabId,
  acronym: text.optional(),
  label: text,
  variants: z.array(text).default([]),
  definition: FactSchema,
  composition: CompositionSchema.optional(),
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

/** Who a protocol is for, in checkable form (ages in years; one range per source when sources disagree). */
export const PopulationSchema = z.strictObject({
  ages: z.array(z.strictObject({ min: z.number().nonnegative().optional(), max: z.number().positive().optional(), source: text.optional() })).default([]),
  sex: z.enum(['femme', 'homme']).optional(),
  /** A condition that admits a patient outside the age ranges (« ou adultes en situation de handicap »). */
  otherwise: z.strictObject({ label: text, words: z.array(text).min(1) }).optional(),
  /**
   * Conditions that exclude a patient, each with the words that name it in a question, and those that, said of it,
   * leave the exclusion to be checked (« stabilisé » for « trouble psychiatrique non stabilisé »).
   */
  excluded: z
    .array(
      z.strictObject({
        label: text,
        words: z.array(text).min(1),
        unless: z.array(text).default([]),
        /** A fever: the body temperature (°C) from which a figure the question gives is it (« elle a 38,5 »). */
        temperatureFrom: z.number().optional(),
      }),
    )
    .default([]),
  /** How recent the complaint must be (« douleur de moins de 4 semaines »), in days. */
  onset: z.strictObject({ maxDays: z.number().positive(), label: text }).optional(),
  /** Home visits of the doctor a patient must have had, unless another criterion (its label) admits them. */
  /**
   * The doctor's home visits the patient must have had the year before, or else (`otherwise`) a score under a bound
   * (`score`: « un score IADL de déplacement inférieur à 1 »), where the sources give it.
   */
  homeVisits: z
    .strictObject({
      min: z.number().int().positive(),
      otherwise: text,
      score: z.strictObject({ label: text, words: z.array(text).min(1), below: z.number() }).optional(),
    })
    .optional(),
  /** Where on the body the complaint is (« la cheville », « un membre »): the sites it covers, and how they are said. */
  site: z.strictObject({ label: text, sites: z.array(BodySiteSchema).min(1) }).optional(),
});
export type Population = z.infer<typeof PopulationSchema>;

/**
 * What a protocol entry is, with what justifies it:
 * - `national`: authorised by an arrêté ministériel that the sources name;
 * - `local`: a team's own protocol (its `protocoles-locaux*.yml` file);
 * - `dispositif-anterieur`: an earlier scheme, authorised by an ARS under the first article 51 regime;
 * - `dossier-evalue`: a file assessed by the HAS whose authorisation was not found;
 * - `droit-commun`: acts that belong to the profession's own competence since a date (no protocol needed).
 */
export const PROTOCOL_STATUSES = ['national', 'local', 'dispositif-anterieur', 'dossier-evalue', 'droit-commun'] as const;
export const ProtocolStatusKindSchema = z.enum(PROTOCOL_STATUSES);
export type ProtocolStatusKind = z.infer<typeof ProtocolStatusKindSchema>;

export const ProtocolStatusSchema = z
  .strictObject({
    kind: ProtocolStatusKindSchema.exclude(['local']),
    /** Day the status took effect (the arrêté, the ARS authorisation, the decree). */
    since: IsoDaySchema.optional(),
    /** Who authorised it, where the sources say (« l'ARS Poitou-Charentes »). */
    by: text.optional(),
    /** The text or finding that gives this status (arrêté, authorisation, « autorisation non trouvée »…). */
    basis: text,
  })
  .refine((status) => status.kind !== 'droit-commun' || status.since !== undefined, {
    message: 'un statut « droit-commun » donne la date (since) depuis laquelle les actes relèvent du droit commun',
    path: ['since'],
  });
export type ProtocolStatus = { kind: ProtocolStatusKind; since?: string; by?: string; basis: string };

const protocolFields = {
  id: kebabId,
  title: text,
  /** A short name for lists (« Entorse de cheville »); the title when absent. */
  short: text.optional(),
  /** Profession ids (checked against professions.yml at load). */
  delegants: z.array(kebabId).default([]),
  delegues: z.array(kebabId).default([]),
  /** Professions that were délégués and no longer are, with the day they were taken out. */
  formerDelegues: z
    .array(
      z.strictObject({
        profession: kebabId,
        until: IsoDaySchema,
        /** What they may do since, outside the protocol, where the sources say (« faire le test… de leur propre chef »). */
        since: FactSchema.optional(),
      }),
    )
    .default([]),
  acts: z.array(text).default([]),
  /** Acts of the same kind the protocol leaves out (« échographies cardiaques »), each with the words that name it in a question. */
  excludedActs: z.array(z.strictObject({ label: text, words: z.array(text).min(1) })).default([]),
  nature: z.array(ProtocolNatureSchema).default([]),
  patients: text,
  /** The population of `patients`, where the sources state it precisely enough to check a patient against it. */
  population: PopulationSchema.optional(),
  setting: text,
  /** Where the protocol may be applied, with the days of a limited opening; empty where the sources are not precise enough. */
  places: z.array(OpeningSchema).default([]),
  training: text.optional(),
  /** The figures of `training` and `setting` a délégué can be checked on (years of practice, share of time). */
  requirements: RequirementsSchema.optional(),
  legal: text.optional(),
  history: z.array(text).default([]),
  sources,
  /** Words and lay phrases people use for this protocol (angine, mal de gorge…). */
  keywords: z.array(text).default([]),
  /** Points where sources disagree, or are silent. */
  notes: z.array(text).default([]),
};

/** An entry of knowledge/registries/protocols.yml. */
export const ProtocolSchema = z.strictObject({ ...protocolFields, status: ProtocolStatusSchema });

/** A team's protocol: its status is a free remark of the team (« Déclaré à l'ARS le … »). */
export const LocalProtocolSchema = z.strictObject({ ...protocolFields, status: text });

/**
 * A protocol as loaded. Local protocols get the status `local` (their remark as basis),
 * their team and `file` (relative to the knowledge folder).
 */
export type Protocol = Omit<z.infer<typeof ProtocolSchema>, 'status'> & { status: ProtocolStatus; team?: string; file?: string };

/** True for what a team can actually apply as a protocole de coopération: national or local. */
export function inForce(protocol: Protocol): boolean {
  return protocol.status.kind === 'national' || protocol.status.kind === 'local';
}

const DatedValueSchema = z
  .strictObject({
    /** What the subject is (or was, or will be) in that period: « de 20 € », « ouvert aux CPTS ». */
    value: text,
    from: IsoDaySchema.optional(),
    until: IsoDaySchema.optional(),
    sources,
  })
  .refine((value) => value.from === undefined || value.until === undefined || value.from <= value.until, {
    message: 'la date de fin (until) précède la date de début (from)',
    path: ['until'],
  });

/** A tariff, threshold or opening that changes on given days (knowledge/registries/dated-facts.yml). */
export const DatedFactSchema = z.strictObject({
  id: kebabId,
  /** What it is about, as a title (« Téléexpertise »). */
  topic: text,
  aspect: z.enum(['tarif', 'seuil', 'ouverture']),
  /** The grammatical subject of the sentences: « Le tarif de l'avis du requis (acte TE2) ». */
  subject: text,
  pronoun: z.enum(['il', 'elle', 'ils', 'elles']).default('il'),
  /** Words that name the topic in a question (téléexpertise, TE2…). */
  keywords: z.array(text).min(1, 'au moins un mot-clé'),
  values: z.array(DatedValueSchema).min(1, 'au moins une valeur datée'),
  /** Caveats (a value probably outdated, sources that disagree). */
  notes: z.array(text).default([]),
});
export type DatedFact = z.infer<typeof DatedFactSchema>;

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
export const DatedFactsFileSchema = z.array(DatedFactSchema);
export const GlossaryFileSchema = z.array(GlossaryEntrySchema);
export const SynonymsFileSchema = z.array(SynonymGroupSchema);

/** A team's own protocols: `protocoles-locaux*.yml` anywhere in the knowledge folder. */
export const LocalProtocolsFileSchema = z.strictObject({
  equipe: text,
  protocoles: z.array(LocalProtocolSchema).min(1, 'aucun protocole dans le fichier'),
});

export interface Registries {
  professions: Profession[];
  forms: PracticeForm[];
  protocols: Protocol[];
  glossary: GlossaryEntry[];
  synonyms: string[][];
  dated: DatedFact[];
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

/** Names a profession or a practice form goes by: label, acronym and variants. */
export function namesOf(entry: Profession | PracticeForm): string[] {
  return [entry.label, ...('acronym' in entry && entry.acronym ? [entry.acronym] : []), ...entry.variants];
}

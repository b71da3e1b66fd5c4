import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { normalizeForMatch } from '../../text/french.ts';

/** Where the protocol model lives, relative to the knowledge folder. */
export const PROTOCOL_MODEL_FILE = 'registries/protocol-model.yml';

const SourcedItemSchema = z.object({
  label: z.string().min(1),
  source: z.string().min(1),
});

const SectionSchema = z.object({
  id: z.string().regex(/^[a-z][a-z-]*$/, 'identifiant en minuscules et tirets'),
  label: z.string().min(1),
  aliases: z.array(z.string().min(1)).default([]),
  help: z.string().min(1),
  required: z.boolean(),
  source: z.string().min(1),
});

const ModelSchema = z.object({
  name: z.string().min(1),
  updated: z.union([z.string(), z.date()]).optional(),
  sources: z.array(z.string().min(1)).min(1),
  sections: z.array(SectionSchema).min(1),
  indicators: z.array(SourcedItemSchema).length(4, 'il faut exactement les 4 indicateurs annuels'),
  declaration: z.array(SourcedItemSchema).min(1),
});

export type ModelSection = z.infer<typeof SectionSchema>;
export type SourcedItem = z.infer<typeof SourcedItemSchema>;

/** The protocol model: sections in order, plus a lookup of every name a user may type. */
export interface ProtocolModel {
  name: string;
  sources: string[];
  sections: ModelSection[];
  indicators: SourcedItem[];
  declaration: SourcedItem[];
  /** Section by id. */
  byId: ReadonlyMap<string, ModelSection>;
  /** Section by typed name (id, label or alias), under {@link sectionKey}. */
  byName: ReadonlyMap<string, ModelSection>;
}

export class ProtocolModelError extends Error {}

/** Lookup key of a typed section name: case, accents and punctuation folded, final plural « s » or « x » dropped. */
export function sectionKey(name: string): string {
  return normalizeForMatch(name)
    .split(' ')
    .map((word) => (word.length > 3 ? word.replace(/[sx]$/, '') : word))
    .join(' ');
}

/** Check the raw model (zod) and build the lookups; a name shared by two sections is an error. */
export function buildProtocolModel(raw: unknown, origin = PROTOCOL_MODEL_FILE): ProtocolModel {
  const parsed = ModelSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ProtocolModelError(
      `Modèle de protocole invalide (${origin}) : ${issue?.path.join('.') ?? '?'} — ${issue?.message ?? 'valeur incorrecte'}`,
    );
  }
  const data = parsed.data;
  const byId = new Map<string, ModelSection>();
  const byName = new Map<string, ModelSection>();
  for (const section of data.sections) {
    if (byId.has(section.id)) throw new ProtocolModelError(`Modèle de protocole invalide (${origin}) : section « ${section.id} » en double`);
    byId.set(section.id, section);
    for (const name of [section.id, section.label, ...section.aliases]) {
      const key = sectionKey(name);
      const other = byName.get(key);
      if (other && other.id !== section.id) {
        throw new ProtocolModelError(
          `Modèle de protocole invalide (${origin}) : « ${name} » désigne à la fois « ${other.id} » et « ${section.id} »`,
        );
      }
      byName.set(key, section);
    }
  }
  return { ...data, byId, byName };
}

/** Read `registries/protocol-model.yml` from the knowledge folder. */
export function loadProtocolModel(knowledgeDir: string): ProtocolModel {
  const file = path.join(knowledgeDir, PROTOCOL_MODEL_FILE);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new ProtocolModelError(`Modèle de protocole introuvable : ${file}`);
  }
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    throw new ProtocolModelError(`Modèle de protocole illisible (${file}) : ${error instanceof Error ? error.message : 'YAML invalide'}`);
  }
  return buildProtocolModel(raw, file);
}

/** The section a typed name designates, or undefined. */
export function findSection(model: ProtocolModel, name: string): ModelSection | undefined {
  return model.byName.get(sectionKey(name));
}

/** The name to show users for typing a section (« patient : … »): its first alias, else its label — never the internal id. */
export function typedName(section: ModelSection): string {
  return section.aliases[0] ?? section.label;
}

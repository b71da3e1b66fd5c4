import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { parse, YAMLParseError } from 'yaml';
import type { z } from 'zod';
import {
  DatedFactsFileSchema,
  GlossaryFileSchema,
  LocalProtocolsFileSchema,
  PracticeFormsFileSchema,
  ProfessionsFileSchema,
  ProtocolsFileSchema,
  RegistryError,
  SynonymsFileSchema,
  type Protocol,
  type Registries,
} from './registry.ts';

/** Registry files, relative to the knowledge folder. Citations point at these paths. */
export const REGISTRY_FILES = {
  professions: 'registries/professions.yml',
  forms: 'registries/practice-forms.yml',
  protocols: 'registries/protocols.yml',
  glossary: 'registries/glossary.yml',
  synonyms: 'registries/synonyms.yml',
  lexiconEn: 'registries/lexicon-en.yml',
  dated: 'registries/dated-facts.yml',
} as const;

/** A team's own protocols: any file named like this, anywhere under the knowledge folder. */
export const LOCAL_PROTOCOLS_FILE = /^protocoles-locaux.*\.ya?ml$/i;

/**
 * Reads and validates every registry of the knowledge folder, plus the teams'
 * local protocol files. Throws a RegistryError naming the file and the field
 * of the first problem found.
 */
export function loadRegistries(knowledgeDir: string): Registries {
  const professions = readRegistry(knowledgeDir, REGISTRY_FILES.professions, ProfessionsFileSchema);
  const forms = readRegistry(knowledgeDir, REGISTRY_FILES.forms, PracticeFormsFileSchema);
  const national = readRegistry(knowledgeDir, REGISTRY_FILES.protocols, ProtocolsFileSchema);
  const glossary = readRegistry(knowledgeDir, REGISTRY_FILES.glossary, GlossaryFileSchema);
  // The English → French lexicon is a second source of equivalence groups, appended to the synonyms.
  const synonyms = [
    ...readRegistry(knowledgeDir, REGISTRY_FILES.synonyms, SynonymsFileSchema),
    ...readRegistry(knowledgeDir, REGISTRY_FILES.lexiconEn, SynonymsFileSchema),
  ];
  const dated = readRegistry(knowledgeDir, REGISTRY_FILES.dated, DatedFactsFileSchema);

  const professionIds = uniqueIds(REGISTRY_FILES.professions, professions);
  professions.forEach((profession, index) => {
    if (profession.parent !== undefined && !professionIds.has(profession.parent)) {
      throw new RegistryError(REGISTRY_FILES.professions, `[${index}].parent`, `profession inconnue « ${profession.parent} »`);
    }
  });
  uniqueIds(REGISTRY_FILES.forms, forms);
  uniqueIds(REGISTRY_FILES.dated, dated);
  uniqueIds(REGISTRY_FILES.protocols, national);
  checkProfessions(REGISTRY_FILES.protocols, national, '', professionIds);

  const protocols: Protocol[] = [...national];
  const seen = new Set(national.map((protocol) => protocol.id));
  for (const file of findLocalProtocolFiles(knowledgeDir)) {
    const local = readRegistry(knowledgeDir, file, LocalProtocolsFileSchema);
    const entries: Protocol[] = local.protocoles.map((protocol) => ({
      ...protocol,
      status: { kind: 'local', basis: protocol.status },
      team: local.equipe,
      file,
    }));
    checkProfessions(file, entries, 'protocoles', professionIds);
    entries.forEach((protocol, index) => {
      if (seen.has(protocol.id)) {
        throw new RegistryError(file, `protocoles[${index}].id`, `identifiant « ${protocol.id} » déjà utilisé par un autre protocole`);
      }
      seen.add(protocol.id);
      protocols.push(protocol);
    });
  }
  return { professions, forms, protocols, glossary, synonyms, dated };
}

function readRegistry<S extends z.ZodType>(knowledgeDir: string, file: string, schema: S): z.infer<S> {
  const full = join(knowledgeDir, file);
  if (!existsSync(full)) throw new RegistryError(file, '', 'fichier introuvable');
  let data: unknown;
  try {
    data = parse(readFileSync(full, 'utf8'));
  } catch (error) {
    const where = error instanceof YAMLParseError && error.linePos ? ` (ligne ${error.linePos[0].line})` : '';
    throw new RegistryError(file, '', `YAML illisible${where}`);
  }
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issue ? formatPath(issue.path) : '';
  const entryId = entryIdAt(data, issue?.path ?? []);
  const message = issue?.message ?? 'contenu invalide';
  throw new RegistryError(file, path, entryId ? `${message} (entrée « ${entryId} »)` : message);
}

/** `[3].delegues[0]`, `protocoles[1].title`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`))
    .join('');
}

/** The `id` (or `term`) of the list entry holding the faulty field, to help the author find it. */
function entryIdAt(data: unknown, path: readonly PropertyKey[]): string | undefined {
  let node: unknown = data;
  let found: string | undefined;
  for (const key of path) {
    if (node === null || typeof node !== 'object') break;
    node = (node as Record<PropertyKey, unknown>)[key];
    if (node !== null && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      const id = record.id ?? record.term;
      if (typeof id === 'string') found = id;
    }
  }
  return found;
}

function uniqueIds(file: string, entries: readonly { id: string }[]): Set<string> {
  const ids = new Set<string>();
  entries.forEach((entry, index) => {
    if (ids.has(entry.id)) throw new RegistryError(file, `[${index}].id`, `identifiant « ${entry.id} » en double`);
    ids.add(entry.id);
  });
  return ids;
}

function checkProfessions(file: string, protocols: readonly Protocol[], prefix: string, known: ReadonlySet<string>): void {
  protocols.forEach((protocol, index) => {
    for (const role of ['delegants', 'delegues'] as const) {
      protocol[role].forEach((id, position) => {
        if (!known.has(id)) {
          throw new RegistryError(
            file,
            `${prefix}[${index}].${role}[${position}]`,
            `profession inconnue « ${id} » (voir ${REGISTRY_FILES.professions}) (entrée « ${protocol.id} »)`,
          );
        }
      });
    }
  });
}

function findLocalProtocolFiles(knowledgeDir: string): string[] {
  if (!existsSync(knowledgeDir)) return [];
  const entries = readdirSync(knowledgeDir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && LOCAL_PROTOCOLS_FILE.test(entry.name))
    .map((entry) => relative(knowledgeDir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}

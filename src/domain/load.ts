import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { parse, YAMLParseError } from 'yaml';
import { z } from 'zod';
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
  type SkippedLocalFile,
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
 * Reads and validates every registry of the knowledge folder (a bad one throws
 * a RegistryError naming the file and the field), plus the teams' local protocol
 * files: a local file with problems is left out, with all its problems listed in
 * `skippedLocalFiles`, and the others are served.
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
  forms.forEach((form, index) => {
    const unknown = form.composition?.minimum?.find((member) => member.profession !== undefined && !professionIds.has(member.profession));
    if (unknown) throw new RegistryError(REGISTRY_FILES.forms, `[${index}].composition.minimum`, `profession inconnue « ${unknown.profession ?? ''} » (entrée « ${form.id} »)`);
  });
  uniqueIds(REGISTRY_FILES.dated, dated);
  uniqueIds(REGISTRY_FILES.protocols, national);
  const nationalProblem = unknownProfessions(national, '', professionIds)[0];
  if (nationalProblem) throw new RegistryError(REGISTRY_FILES.protocols, nationalProblem.field, nationalProblem.detail);

  const protocols: Protocol[] = [...national];
  const seen = new Set(national.map((protocol) => protocol.id));
  const skippedLocalFiles: SkippedLocalFile[] = [];
  for (const file of findLocalProtocolFiles(knowledgeDir)) {
    const local = readLocalProtocols(knowledgeDir, file, professionIds, seen);
    if ('problems' in local) {
      skippedLocalFiles.push(local);
      continue;
    }
    for (const protocol of local.protocols) seen.add(protocol.id);
    protocols.push(...local.protocols);
  }
  return { professions, forms, protocols, glossary, synonyms, dated, skippedLocalFiles };
}

/** Zod's own messages in French (the schemas' custom messages are French already). */
const FRENCH = { error: z.locales.fr().localeError };

interface Problem {
  field: string;
  detail: string;
}

function readYaml(knowledgeDir: string, file: string): unknown {
  const full = join(knowledgeDir, file);
  if (!existsSync(full)) throw new RegistryError(file, '', 'fichier introuvable');
  try {
    return parse(readFileSync(full, 'utf8'));
  } catch (error) {
    const where = error instanceof YAMLParseError && error.linePos ? ` (ligne ${error.linePos[0].line})` : '';
    throw new RegistryError(file, '', `YAML illisible${where}`);
  }
}

function schemaProblems(data: unknown, issues: readonly z.core.$ZodIssue[]): Problem[] {
  return issues.map((issue) => {
    const entryId = entryIdAt(data, issue.path);
    return { field: formatPath(issue.path), detail: entryId ? `${issue.message} (entrée « ${entryId} »)` : issue.message };
  });
}

function readRegistry<S extends z.ZodType>(knowledgeDir: string, file: string, schema: S): z.infer<S> {
  const data = readYaml(knowledgeDir, file);
  const parsed = schema.safeParse(data, FRENCH);
  if (parsed.success) return parsed.data;
  const first = schemaProblems(data, parsed.error.issues)[0] ?? { field: '', detail: 'contenu invalide' };
  throw new RegistryError(file, first.field, first.detail);
}

/** One local file: its protocols, or every problem found in it (YAML, fields, professions, identifiers). */
function readLocalProtocols(knowledgeDir: string, file: string, professionIds: ReadonlySet<string>, taken: ReadonlySet<string>): { protocols: Protocol[] } | SkippedLocalFile {
  const lines = (problems: readonly Problem[]) => problems.map((p) => `champ ${p.field || '(racine)'} : ${p.detail}`);
  let data: unknown;
  try {
    data = readYaml(knowledgeDir, file);
  } catch (error) {
    if (error instanceof RegistryError) return { file, problems: [error.detail] };
    throw error;
  }
  const parsed = LocalProtocolsFileSchema.safeParse(data, FRENCH);
  if (!parsed.success) return { file, problems: lines(schemaProblems(data, parsed.error.issues)) };
  const protocols: Protocol[] = parsed.data.protocoles.map((protocol) => ({
    ...protocol,
    status: { kind: 'local', basis: protocol.status },
    team: parsed.data.equipe,
    file,
  }));
  const ids = new Set<string>();
  const problems = unknownProfessions(protocols, 'protocoles', professionIds);
  protocols.forEach((protocol, index) => {
    if (taken.has(protocol.id) || ids.has(protocol.id)) {
      problems.push({ field: `protocoles[${index}].id`, detail: `identifiant « ${protocol.id} » déjà utilisé par un autre protocole` });
    }
    ids.add(protocol.id);
  });
  return problems.length > 0 ? { file, problems: lines(problems) } : { protocols };
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

function unknownProfessions(protocols: readonly Protocol[], prefix: string, known: ReadonlySet<string>): Problem[] {
  return protocols.flatMap((protocol, index) => {
    const named = [
      ...(['delegants', 'delegues'] as const).flatMap((role) => protocol[role].map((id, position) => ({ id, field: `${role}[${position}]` }))),
      ...protocol.formerDelegues.map(({ profession }, position) => ({ id: profession, field: `formerDelegues[${position}].profession` })),
    ];
    return named.flatMap(({ id, field }) =>
      known.has(id) ? [] : [{ field: `${prefix}[${index}].${field}`, detail: `profession inconnue « ${id} » (voir ${REGISTRY_FILES.professions}) (entrée « ${protocol.id} »)` }],
    );
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

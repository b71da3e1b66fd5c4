import type { ModelSection, ProtocolModel } from './model.ts';
import type { ProtocolStatusKind } from '../../domain/registry.ts';

export type ParticipantRole = 'delegant' | 'delegue';

/** What the checks need from the domain registries (see registry-port.ts). */
export interface ProtocolRegistryPort {
  /** The profession a piece of text names, or null. */
  findProfession(text: string): { id: string; label: string } | null;
  /** Whether that profession may take part in a coopération protocol in this role. */
  /** Art. L4011-1 makes no difference between délégant and délégué. */
  canTakePart(professionId: string): boolean;
  /** Registry entries (not local protocols) whose acts match the text, with their status. */
  protocolsCovering(text: string): CoveringEntry[];
}

export interface CoveringEntry {
  title: string;
  sources: string[];
  status: Exclude<ProtocolStatusKind, 'local'>;
  /** The status in words (« dossier évalué par la HAS dont l'autorisation n'a pas été trouvée… »). */
  statusText: string;
}

/** What the team should do about an entry of the registry covering acts close to its draft, by status. */
const COVERING_ADVICE: Record<Exclude<ProtocolStatusKind, 'local' | 'national'>, string> = {
  'dispositif-anterieur': "Ce n'est pas un protocole national auquel adhérer : vérifiez auprès de l'ARS ce qui peut s'appliquer à l'équipe.",
  'dossier-evalue': "Il n'y a pas de protocole national à rejoindre : vérifiez son statut auprès de l'ARS avant d'écrire un protocole local.",
  'droit-commun': "Vérifiez qu'un protocole de coopération est bien nécessaire pour ces actes.",
};

function coveringWarning(entry: CoveringEntry): string {
  const source = entry.sources[0] ? ` (source : ${entry.sources[0]})` : '';
  if (entry.status === 'national') {
    return `Le protocole national « ${entry.title} » couvre déjà des actes proches${source} : l'équipe peut y adhérer plutôt que de rédiger un protocole local.`;
  }
  return `« ${entry.title} » porte sur des actes proches${source} — statut : ${entry.statusText}. ${COVERING_ADVICE[entry.status]}`;
}

export interface CheckReport {
  /** Required sections still empty (block the export). */
  missing: ModelSection[];
  /** Problems that block the export. */
  errors: string[];
  /** Points to look at, that do not block. */
  warnings: string[];
  ready: boolean;
}

const ROLE_LABEL: Record<ParticipantRole, string> = { delegant: 'délégant', delegue: 'délégué' };

/** « médecin généraliste, cardiologue et infirmier » → each profession named. */
export function splitProfessions(text: string): string[] {
  return text
    .split(/[,;\n/+]|\s+(?:et|ou)\s+/u)
    .map((part) => part.replace(/^\s*(?:[-•*]|\d+[.)])\s*/u, '').replace(/[.:]+$/u, '').trim())
    .filter((part) => part !== '');
}

function checkProfessions(
  registry: ProtocolRegistryPort,
  text: string | undefined,
  role: ParticipantRole,
  errors: string[],
): Set<string> {
  const ids = new Set<string>();
  if (text === undefined) return ids;
  for (const name of splitProfessions(text)) {
    const profession = registry.findProfession(name);
    if (!profession) {
      errors.push(`« ${name} » (${ROLE_LABEL[role]}) n'est pas une profession que je reconnais : écrivez son nom complet (ex. « médecin », « infirmier »).`);
    } else if (!registry.canTakePart(profession.id)) {
      errors.push(`La profession « ${profession.label} » ne peut pas être ${ROLE_LABEL[role]} d'un protocole de coopération.`);
    } else {
      ids.add(profession.id);
    }
  }
  return ids;
}

/**
 * Checks before export: required sections filled, délégants and délégués that
 * may take part (registry), and warnings — a registry entry covering the acts
 * (a national protocol to join, or an entry of another status, said as such), patient criteria without exclusion, training without a duration.
 */
export function checkDraft(
  model: ProtocolModel,
  texts: ReadonlyMap<string, string>,
  registry: ProtocolRegistryPort,
): CheckReport {
  const errors: string[] = [];
  const warnings: string[] = [];
  const missing = model.sections.filter((section) => section.required && !texts.get(section.id)?.trim());

  const delegants = checkProfessions(registry, texts.get('delegants'), 'delegant', errors);
  const delegues = checkProfessions(registry, texts.get('delegues'), 'delegue', errors);
  if ([...delegants].some((id) => delegues.has(id))) {
    warnings.push('Une même profession est à la fois délégante et déléguée : vérifiez les sections délégants et délégués.');
  }

  const acts = texts.get('actes');
  if (acts) {
    const covering = registry.protocolsCovering([texts.get('intitule') ?? '', acts].join('\n'));
    for (const entry of covering) warnings.push(coveringWarning(entry));
  }
  const patients = texts.get('patients');
  if (patients && !/exclu|sauf|hors |contre-indic|non eligib|non éligib/iu.test(patients)) {
    warnings.push("Les critères d'exclusion des patients ne sont pas explicites : précisez qui est exclu ou doit sortir du protocole.");
  }
  const training = texts.get('formation');
  if (training && !/\d/u.test(training)) {
    warnings.push('La formation des délégués ne donne pas de durée (heures, jours) ni de nombre d’actes supervisés.');
  }
  return { missing, errors, warnings, ready: missing.length === 0 && errors.length === 0 };
}

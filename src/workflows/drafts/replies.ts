import { textReply, type Reply, type ReplyButton, type ReplyFile } from '../../engine/reply.ts';
import type { CheckReport } from './checks.ts';
import type { Draft, DraftSnapshot, SectionRevision, SectionState } from './draft.ts';
import { attribution, formatWhen, authorName, type PeopleNames } from './format.ts';
import { typedName, type ModelSection, type ProtocolModel } from './model.ts';

/** Button ids handled by the Slack feature (value: the draft id). */
export const DRAFT_FILL_ACTION = 'coordo_draft_fill';
export const DRAFT_EXPORT_ACTION = 'coordo_draft_export';
/** « Reprendre dans le formulaire » under a proposal (value: {@link ProposalValue} as JSON). */
export const DRAFT_USE_PROPOSAL_ACTION = 'coordo_draft_use_proposal';

/** What the « Reprendre dans le formulaire » button carries; untrusted on the way back. */
export interface ProposalValue {
  draftId: number;
  sectionId: string;
  text: string;
}

/** Longest button value chat platforms carry (Slack: 2,000 characters); a longer proposal gets no button. */
const MAX_BUTTON_VALUE = 2000;

/** The label every proposal carries: nothing is stored until someone saves it as the section's text. */
export const PROPOSAL_LABEL = 'Proposition à relire — non enregistrée';

const EXCERPT = 160;

function excerpt(text: string): string {
  const flat = text.replace(/\s+/gu, ' ').trim();
  return flat.length <= EXCERPT ? flat : `${flat.slice(0, EXCERPT - 1)}…`;
}

export function draftButtons(draft: Draft): ReplyButton[] {
  return [
    { actionId: DRAFT_FILL_ACTION, label: 'Remplir une section', value: String(draft.id), style: 'primary' },
    { actionId: DRAFT_EXPORT_ACTION, label: 'Exporter', value: String(draft.id) },
  ];
}

const HOW_TO_FILL =
  'Pour remplir une section, répondez dans ce fil « nom de la section : texte » (ex. « patients : femmes de 16 à 65 ans… ») ou utilisez le bouton « Remplir une section ». Tapez « état » pour voir le brouillon, « exporter » pour obtenir les fichiers, « aide » pour la liste des sections.';

function checkLines(report: CheckReport): string[] {
  const out: string[] = [];
  if (report.missing.length > 0) out.push('', `**À compléter :** ${report.missing.map((s) => s.label).join(' ; ')}.`);
  if (report.errors.length > 0) out.push('', '**À corriger :**', ...report.errors.map((e) => `- ${e}`));
  if (report.warnings.length > 0) out.push('', '**Points de vigilance :**', ...report.warnings.map((w) => `- ${w}`));
  return out;
}

/** The current draft: each section with an excerpt and who wrote it, then what is missing. */
export function statusReply(model: ProtocolModel, snapshot: DraftSnapshot, report: CheckReport, names: PeopleNames, intro?: string): Reply {
  const filled = model.sections.filter((s) => snapshot.sections.has(s.id)).length;
  const lines: string[] = [];
  if (intro) lines.push(intro, '');
  lines.push(`**Brouillon de protocole : ${snapshot.draft.title}** — ${filled} section(s) remplie(s) sur ${model.sections.length}`, '');
  model.sections.forEach((section, index) => {
    const state = snapshot.sections.get(section.id);
    const name = `**${index + 1}. ${section.label}**`;
    if (state) {
      lines.push(`- ✅ ${name} : ${excerpt(state.revision.text)} _(${attribution(state.revision.author, state.revision.createdAt, state.versions, names)})_`);
    } else {
      lines.push(`- ⬜ ${name} : à compléter${section.required ? '' : ' (facultatif)'}`);
    }
  });
  lines.push(...checkLines(report));
  if (report.ready) lines.push('', 'Le brouillon est complet : tapez « exporter » pour obtenir les fichiers Markdown et Word.');
  lines.push('', HOW_TO_FILL);
  return textReply('workflow', lines.join('\n'), { buttons: draftButtons(snapshot.draft) });
}

/** Confirmation of a fill, with what remains. */
export function filledReply(section: ModelSection, state: SectionState, report: CheckReport, names: PeopleNames): Reply {
  const { revision, versions } = state;
  const done = versions > 1 ? `mise à jour (version ${versions})` : 'enregistrée';
  const remaining =
    report.missing.length === 0
      ? 'Toutes les sections obligatoires sont remplies : tapez « exporter » quand l’équipe est prête.'
      : `Reste à compléter : ${report.missing.map((s) => s.label).join(' ; ')}.`;
  return textReply(
    'workflow',
    `Section « ${section.label} » ${done} : ${attribution(revision.author, revision.createdAt, 1, names)}.\n\n${remaining}`,
  );
}

export function helpReply(model: ProtocolModel): Reply {
  const lines = ['**Sections du protocole** (tapez le nom ou un des mots entre parenthèses, puis « : » et le texte) :', ''];
  model.sections.forEach((section, index) => {
    const names = section.aliases.slice(0, 3).join(', ');
    lines.push(`- **${index + 1}. ${section.label}**${section.required ? '' : ' (facultatif)'}${names ? ` (${names})` : ''} — ${section.help}`);
  });
  lines.push(
    '',
    HOW_TO_FILL,
    '« historique patients » montre toutes les versions d’une section ; « effacer patients » la vide (ses versions restent dans l’historique) ; « proposer patients » demande une proposition de texte à relire (quand un modèle de langue est configuré) ; « abandonner » abandonne le brouillon.',
  );
  return textReply('help', lines.join('\n'));
}

export function historyReply(section: ModelSection, revisions: readonly SectionRevision[], names: PeopleNames): Reply {
  if (revisions.length === 0) return textReply('workflow', `La section « ${section.label} » n’a pas encore été remplie.`);
  const lines = [`**Historique de la section « ${section.label} »** (${revisions.length} version(s)) :`, ''];
  revisions.forEach((revision, index) => {
    lines.push(`- Version ${index + 1}, ${authorName(revision.author, names)} le ${formatWhen(revision.createdAt)} : ${excerpt(revision.text)}`);
  });
  return textReply('workflow', lines.join('\n'));
}

export function unknownSectionReply(model: ProtocolModel, name: string): Reply {
  return textReply(
    'invalid',
    `Je ne connais pas de section « ${name} ». Sections possibles : ${model.sections.map((s) => s.label).join(' ; ')}. Tapez « aide » pour le détail.`,
    { ephemeral: false },
  );
}

/** Said when « exporter » comes again (double click, retry) and no section changed since the last export. */
export const ALREADY_EXPORTED =
  'Ce brouillon est déjà exporté, rien n’a changé depuis : les fichiers Markdown et Word sont plus haut dans ce fil. Modifiez une section pour en exporter une nouvelle version.';

/** Said when the export files could not be made or posted; nothing is marked exported. */
export const EXPORT_FAILED =
  'L’export n’a pas abouti à cause d’une erreur technique : les fichiers n’ont pas été envoyés. Réessayez « exporter » dans un instant.';

export function exportReply(model: ProtocolModel, draft: Draft, report: CheckReport, files: ReplyFile[], unchanged: boolean): Reply {
  if (unchanged) return textReply('workflow', ALREADY_EXPORTED);
  if (files.length === 0) {
    const lines = [`Je ne peux pas encore exporter « ${draft.title} » :`, ...checkLines(report), '', HOW_TO_FILL];
    return textReply('invalid', lines.join('\n'), { buttons: draftButtons(draft) });
  }
  const lines = [
    `Voici le brouillon « ${draft.title} » en Markdown et en Word (${files.map((f) => f.name).join(', ')}).`,
    ...(report.warnings.length > 0 ? ['', '**Points de vigilance :**', ...report.warnings.map((w) => `- ${w}`)] : []),
    '',
    '**Pour la déclaration à l’ARS, préparez :**',
    ...model.declaration.map((item) => `- ${item.label}`),
  ];
  return textReply('workflow', lines.join('\n'), { files });
}

/** A model's text for a section, shown for the team to read, correct and save themselves. */
export function proposalReply(draft: Draft, section: ModelSection, text: string): Reply {
  const value: ProposalValue = { draftId: draft.id, sectionId: section.id, text };
  const json = JSON.stringify(value);
  const button = json.length <= MAX_BUTTON_VALUE;
  const lines = [
    `**${PROPOSAL_LABEL}** — section « ${section.label} » :`,
    '',
    text,
    '',
    `Pour l’enregistrer, relisez-la, complétez les passages entre crochets, puis répondez dans ce fil « ${typedName(section)} : texte »${button ? ' ou utilisez le bouton « Reprendre dans le formulaire »' : ''}.`,
  ];
  return textReply('workflow', lines.join('\n'), {
    buttons: button ? [{ actionId: DRAFT_USE_PROPOSAL_ACTION, label: 'Reprendre dans le formulaire', value: json }] : [],
  });
}

/** No proposal (no model configured, or no usable answer): what the section must contain, and how to fill it. */
export function noProposalReply(section: ModelSection, reason: 'offline' | 'failed'): Reply {
  const why =
    reason === 'offline'
      ? 'Aucune proposition de texte n’est disponible : Coordo fonctionne ici sans modèle de langue.'
      : 'Aucune proposition de texte n’est disponible pour le moment : le modèle de langue n’a pas donné de réponse exploitable.';
  return textReply(
    'workflow',
    `${why}\n\n**Ce que la section « ${section.label} » doit contenir :** ${section.help}\n\nPour la remplir, répondez dans ce fil « ${typedName(section)} : texte ».`,
    { confident: false },
  );
}

/** « effacer <section> »: the section is empty again; its versions stay in its history. */
export function clearedReply(section: ModelSection, wasFilled: boolean): Reply {
  if (!wasFilled) return textReply('workflow', `La section « ${section.label} » est déjà vide.`);
  return textReply('workflow', `Section « ${section.label} » effacée. Ses versions précédentes restent visibles avec « historique ${typedName(section)} ».`);
}

/** « abandonner »: the thread holds no draft any more. */
export function abandonedReply(draft: Draft): Reply {
  return textReply(
    'workflow',
    `Brouillon « ${draft.title} » abandonné : ce fil ne contient plus de brouillon en cours. Pour recommencer, tapez \`/coordo protocole <titre>\` (un nouveau fil).`,
  );
}

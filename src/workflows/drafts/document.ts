import type { CheckReport } from './checks.ts';
import type { DraftSnapshot } from './draft.ts';
import { attribution, authorName, formatWhen, type PeopleNames } from './format.ts';
import type { ProtocolModel } from './model.ts';

/** One section as exported: its text (null when empty) and who wrote it. */
export interface ExportSection {
  number: number;
  label: string;
  required: boolean;
  /** Paragraphs written by the team (may be empty for a section that lists fixed items only). */
  text: string | null;
  /** Fixed items the model adds to the section (the 4 yearly indicators). */
  fixedItems: string[];
  attribution: string | null;
}

/** The platform-neutral content of an export, rendered to Markdown and DOCX. */
export interface ExportDocument {
  title: string;
  heading: string;
  meta: string[];
  sections: ExportSection[];
  warnings: string[];
  declaration: string[];
  sources: string[];
}

export const TO_COMPLETE = 'À compléter.';

/** Build the export content of a draft (same content for both file formats); `names` shows people by name, not by id. */
export function buildExportDocument(
  model: ProtocolModel,
  snapshot: DraftSnapshot,
  report: CheckReport,
  exportedAt: Date,
  names: PeopleNames,
): ExportDocument {
  const { draft } = snapshot;
  const sections = model.sections.map((section, index): ExportSection => {
    const state = snapshot.sections.get(section.id);
    return {
      number: index + 1,
      label: section.label,
      required: section.required,
      text: state?.revision.text ?? null,
      fixedItems: section.id === 'indicateurs' ? model.indicators.map((i) => i.label) : [],
      attribution: state ? attribution(state.revision.author, state.revision.createdAt, state.versions, names) : null,
    };
  });
  return {
    title: draft.title,
    heading: `${model.name} — ${draft.title}`,
    meta: [
      `Brouillon ouvert par ${authorName(draft.createdBy, names)} le ${formatWhen(draft.createdAt)}, exporté le ${formatWhen(exportedAt.toISOString())} avec Coordo.`,
      'Document de travail à relire par l’équipe avant la déclaration à l’ARS.',
    ],
    sections,
    warnings: report.warnings,
    declaration: model.declaration.map((item) => item.label),
    sources: model.sources,
  };
}

import { TO_COMPLETE, type ExportDocument } from './document.ts';

/** The export as a Markdown file. */
export function renderMarkdown(doc: ExportDocument): string {
  const out: string[] = [`# ${doc.heading}`, '', ...doc.meta.map((line) => `_${line}_`), ''];
  for (const section of doc.sections) {
    out.push(`## ${section.number}. ${section.label}`, '');
    if (section.fixedItems.length > 0) {
      out.push(...section.fixedItems.map((item, i) => `${i + 1}. ${item}`), '');
    }
    if (section.text !== null) out.push(section.text, '');
    else if (section.fixedItems.length === 0) out.push(`_${TO_COMPLETE}_`, '');
    if (section.attribution) out.push(`_Texte ${section.attribution}._`, '');
  }
  if (doc.warnings.length > 0) {
    out.push('## Points de vigilance', '', ...doc.warnings.map((w) => `- ${w}`), '');
  }
  out.push('## Liste de contrôle pour la déclaration à l’ARS', '', ...doc.declaration.map((item) => `- [ ] ${item}`), '');
  out.push('## Sources du modèle', '', ...doc.sources.map((s) => `- ${s}`), '');
  return out.join('\n');
}

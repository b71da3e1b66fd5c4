import { Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import { TO_COMPLETE, type ExportDocument } from './document.ts';

function paragraphs(text: string): Paragraph[] {
  return text
    .split(/\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => {
      const bullet = /^[-•*]\s+(.*)$/u.exec(line);
      return bullet ? new Paragraph({ text: bullet[1] ?? '', bullet: { level: 0 } }) : new Paragraph({ text: line });
    });
}

const italic = (text: string) => new Paragraph({ children: [new TextRun({ text, italics: true })] });

/** The export as a Word (DOCX) file. */
export async function renderDocx(doc: ExportDocument): Promise<Buffer> {
  const children: Paragraph[] = [new Paragraph({ text: doc.heading, heading: HeadingLevel.TITLE }), ...doc.meta.map(italic)];
  for (const section of doc.sections) {
    children.push(new Paragraph({ text: `${section.number}. ${section.label}`, heading: HeadingLevel.HEADING_1 }));
    children.push(...section.fixedItems.map((item, i) => new Paragraph({ text: `${i + 1}. ${item}` })));
    if (section.text !== null) children.push(...paragraphs(section.text));
    else if (section.fixedItems.length === 0) children.push(italic(TO_COMPLETE));
    if (section.attribution) children.push(italic(`Texte ${section.attribution}.`));
  }
  if (doc.warnings.length > 0) {
    children.push(new Paragraph({ text: 'Points de vigilance', heading: HeadingLevel.HEADING_1 }));
    children.push(...doc.warnings.map((w) => new Paragraph({ text: w, bullet: { level: 0 } })));
  }
  children.push(new Paragraph({ text: 'Liste de contrôle pour la déclaration à l’ARS', heading: HeadingLevel.HEADING_1 }));
  children.push(...doc.declaration.map((item) => new Paragraph({ text: `☐ ${item}` })));
  children.push(new Paragraph({ text: 'Sources du modèle', heading: HeadingLevel.HEADING_1 }));
  children.push(...doc.sources.map((s) => new Paragraph({ text: s, bullet: { level: 0 } })));
  const document = new Document({
    creator: 'Coordo',
    title: doc.heading,
    description: 'Brouillon de protocole local de coopération',
    sections: [{ children }],
  });
  return Packer.toBuffer(document);
}

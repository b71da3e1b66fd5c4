import type { ReplyFile } from '../../engine/reply.ts';
import { patientDataProblem } from '../../privacy/patient-data-guard.ts';
import { checkDraft, type CheckReport, type ProtocolRegistryPort } from './checks.ts';
import type { Author, Draft, DraftKey, DraftSnapshot, SectionRevision, SectionState } from './draft.ts';
import { buildExportDocument } from './document.ts';
import { renderDocx } from './docx-export.ts';
import { exportBaseName, type PeopleNames } from './format.ts';
import { renderMarkdown } from './markdown-export.ts';
import { typedName, type ModelSection, type ProtocolModel } from './model.ts';
import type { DraftRepository, ExportClaim } from './repository.ts';

/** Longest text kept for one section (Slack's modal input limit). */
export const MAX_SECTION_TEXT = 3000;
export const MAX_TITLE = 200;
/** The section the title fills at the start, and that names the export. */
const TITLE_SECTION = 'intitule';

export const MARKDOWN_MIME = 'text/markdown';
export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export type Outcome<T> = { ok: true; value: T } | { ok: false; problem: string };

export interface DraftExport {
  report: CheckReport;
  /** Markdown then DOCX; empty when the checks block the export or when it is unchanged. */
  files: ReplyFile[];
  /** True when this version of the draft was already exported (double click, retry): no new files. */
  unchanged: boolean;
  /** Held while the files are on their way: {@link DraftService.releaseExport} when they do not reach the team. */
  claim: ExportClaim | null;
}

const ALREADY_STARTED = 'Ce fil contient déjà un brouillon de protocole : ouvrez un nouveau fil pour en commencer un autre.';

export interface DraftServiceOptions {
  model: ProtocolModel;
  repository: DraftRepository;
  registry: ProtocolRegistryPort;
  now?: () => Date;
}

/**
 * Protocol drafts: start one per thread, fill sections (each change kept with
 * who and when), check, export. Every text is refused when it looks like it
 * identifies a patient.
 */
export class DraftService {
  readonly model: ProtocolModel;
  private readonly repository: DraftRepository;
  private readonly registry: ProtocolRegistryPort;
  private readonly now: () => Date;

  constructor(options: DraftServiceOptions) {
    this.model = options.model;
    this.repository = options.repository;
    this.registry = options.registry;
    this.now = options.now ?? (() => new Date());
  }

  /** Why a title cannot be used (French), or null. */
  titleProblem(title: string): string | null {
    const clean = title.trim();
    if (clean === '') return 'Donnez un titre au protocole, par exemple : « nouveau protocole Cystite simple de la femme de 16 à 65 ans ».';
    if (clean.length > MAX_TITLE) return `Le titre est trop long (${clean.length} caractères) : ${MAX_TITLE} caractères au plus.`;
    return patientDataProblem(clean, 'store');
  }

  /** Open a draft in a thread; its title fills the « intitulé » section. */
  start(key: DraftKey, title: string, author: Author): Outcome<Draft> {
    const clean = title.trim();
    const problem = this.titleProblem(clean);
    if (problem) return { ok: false, problem };
    const draft = this.repository.create(key, clean, author, this.now(), TITLE_SECTION);
    return draft ? { ok: true, value: draft } : { ok: false, problem: ALREADY_STARTED };
  }

  find(key: DraftKey): Draft | null {
    return this.repository.findByKey(key);
  }

  /** A draft acted on from a button or form: only from the channel where it lives, and only a draft in a thread. */
  findInChannel(id: number, platform: DraftKey['platform'], channelId: string): Draft | null {
    const draft = this.repository.findById(id);
    return draft && draft.key.platform === platform && draft.key.channelId === channelId && draft.key.threadId !== '' ? draft : null;
  }

  snapshot(draft: Draft): DraftSnapshot {
    const sections = new Map<string, SectionState>();
    for (const state of this.repository.currentSections(draft.id)) sections.set(state.revision.sectionId, state);
    return { draft: this.repository.findById(draft.id) ?? draft, sections };
  }

  /** Replace a section's text (a new revision; earlier ones are kept). */
  fill(draft: Draft, section: ModelSection, text: string, author: Author): Outcome<SectionRevision> {
    const clean = text.trim();
    const problem = this.sectionTextProblem(section, clean);
    if (problem) return { ok: false, problem };
    return { ok: true, value: this.repository.addRevision(draft.id, section.id, clean, author, this.now()) };
  }

  /** Why a section cannot hold this text (French), or null. */
  sectionTextProblem(section: ModelSection, text: string): string | null {
    const clean = text.trim();
    if (clean === '') return `La section « ${section.label} » est vide : écrivez son contenu après les deux-points, par exemple « ${typedName(section)} : … ».`;
    if (clean.length > MAX_SECTION_TEXT) return `Le texte de la section « ${section.label} » est trop long (${clean.length} caractères) : ${MAX_SECTION_TEXT} caractères au plus.`;
    return patientDataProblem(clean, 'store');
  }

  /** Empty a section (an empty revision: the earlier ones stay in its history); false when it was empty already. */
  clear(draft: Draft, section: ModelSection, author: Author): boolean {
    if (!this.snapshot(draft).sections.has(section.id)) return false;
    this.repository.addRevision(draft.id, section.id, '', author, this.now());
    return true;
  }

  /** Abandon the draft: its thread holds no draft any more (its revisions are kept). */
  abandon(draft: Draft): void {
    this.repository.abandon(draft.id, this.now());
  }

  history(draft: Draft, section: ModelSection): SectionRevision[] {
    return this.repository.history(draft.id, section.id);
  }

  check(snapshot: DraftSnapshot): CheckReport {
    const texts = new Map([...snapshot.sections].map(([id, state]) => [id, state.revision.text]));
    return checkDraft(this.model, texts, this.registry);
  }

  /**
   * Markdown and DOCX files of the draft, when the checks let it go; once per
   * version of the draft (its latest revision), so a double click or a retry
   * posts no second copy. `names` shows people by name in the files. When the
   * files cannot be rendered the claim is released (and the error thrown); the
   * caller releases it ({@link releaseExport}) when they cannot be delivered.
   */
  async export(draft: Draft, names: PeopleNames): Promise<DraftExport> {
    const snapshot = this.snapshot(draft);
    const report = this.check(snapshot);
    if (!report.ready) return { report, files: [], unchanged: false, claim: null };
    const at = this.now();
    // Claimed before the first await: of two exports of the same version, only one renders files.
    const revision = Math.max(...[...snapshot.sections.values()].map((state) => state.revision.id));
    const claim = this.repository.claimExport(draft.id, revision, at);
    if (!claim) return { report, files: [], unchanged: true, claim: null };
    try {
      const document = buildExportDocument(this.model, snapshot, report, at, names);
      // Named after the « Intitulé » as filled now (it starts as the title given at the start).
      const base = exportBaseName(snapshot.sections.get(TITLE_SECTION)?.revision.text ?? snapshot.draft.title);
      const files: ReplyFile[] = [
        { name: `${base}.md`, mimeType: MARKDOWN_MIME, content: Buffer.from(renderMarkdown(document), 'utf8') },
        { name: `${base}.docx`, mimeType: DOCX_MIME, content: await renderDocx(document) },
      ];
      return { report, files, unchanged: false, claim };
    } catch (error) {
      this.releaseExport(claim);
      throw error;
    }
  }

  /** The export's files did not reach the team: the same version may be exported again. */
  releaseExport(claim: ExportClaim): void {
    this.repository.releaseExport(claim);
  }
}

import { textReply, type Reply } from '../../engine/reply.ts';
import type { Author, Draft, DraftKey } from './draft.ts';
import type { SectionRequest } from '../../llm/structured.ts';
import type { ModelSection } from './model.ts';
import { exportReply, filledReply, helpReply, historyReply, noProposalReply, proposalReply, statusReply } from './replies.ts';
import type { DraftService } from './service.ts';

/** Proposes a section's text (the optional model step); null when it has nothing usable. */
export interface SectionProposer {
  proposeSectionText(request: SectionRequest): Promise<string | null>;
}

/**
 * Draft actions as replies, shared by the engine handler (messages in the
 * thread) and the Slack feature (slash command, buttons, forms).
 */
export class DraftWorkflow {
  constructor(
    readonly service: DraftService,
    private readonly proposer?: SectionProposer,
  ) {}

  /** True when a model can propose section texts. */
  get canPropose(): boolean {
    return this.proposer !== undefined;
  }

  start(key: DraftKey, title: string, author: Author): { draft: Draft | null; reply: Reply } {
    const started = this.service.start(key, title, author);
    if (!started.ok) return { draft: null, reply: textReply('invalid', started.problem) };
    const intro = `Brouillon de protocole local ouvert par ${author.userName ?? author.userId}. Je vous guide section par section ; chacun peut contribuer dans ce fil.`;
    return { draft: started.value, reply: this.status(started.value, intro) };
  }

  status(draft: Draft, intro?: string): Reply {
    const snapshot = this.service.snapshot(draft);
    return statusReply(this.service.model, snapshot, this.service.check(snapshot), intro);
  }

  fill(draft: Draft, section: ModelSection, text: string, author: Author): Reply {
    const filled = this.service.fill(draft, section, text, author);
    if (!filled.ok) return textReply('invalid', filled.problem);
    const snapshot = this.service.snapshot(draft);
    const state = snapshot.sections.get(section.id);
    if (!state) throw new Error('section missing right after it was filled');
    return filledReply(section, state, this.service.check(snapshot));
  }

  /**
   * A proposed text for a section, from the draft's title, the section's help and
   * `currentText` (default: the section's saved text). Never stored. Null offline
   * or when the model gives nothing usable.
   */
  async proposal(draft: Draft, section: ModelSection, currentText?: string): Promise<string | null> {
    if (!this.proposer) return null;
    const snapshot = this.service.snapshot(draft);
    return this.proposer.proposeSectionText({
      protocolTitle: snapshot.draft.title,
      sectionTitle: section.label,
      guidance: section.help,
      currentText: currentText ?? snapshot.sections.get(section.id)?.revision.text ?? '',
    });
  }

  async propose(draft: Draft, section: ModelSection): Promise<Reply> {
    if (!this.proposer) return noProposalReply(section, 'offline');
    const text = await this.proposal(draft, section);
    return text === null ? noProposalReply(section, 'failed') : proposalReply(draft, section, text);
  }

  help(): Reply {
    return helpReply(this.service.model);
  }

  history(draft: Draft, section: ModelSection): Reply {
    return historyReply(section, this.service.history(draft, section));
  }

  async export(draft: Draft): Promise<Reply> {
    const exported = await this.service.export(draft);
    return exportReply(this.service.model, draft, exported.report, exported.files);
  }
}

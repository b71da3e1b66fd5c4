import { textReply, type Reply } from '../../engine/reply.ts';
import type { Platform } from '../../engine/message.ts';
import type { Author, Draft, DraftKey, DraftSnapshot } from './draft.ts';
import type { SectionRequest } from '../../llm/structured.ts';
import { authorName, type PeopleNames } from './format.ts';
import type { ModelSection } from './model.ts';
import { OPEN_PEOPLE, type DraftPeople } from './people.ts';
import { abandonedReply, clearedReply, EXPORT_FAILED, exportReply, filledReply, helpReply, historyReply, noProposalReply, proposalReply, statusReply } from './replies.ts';
import type { ExportClaim } from './repository.ts';
import type { DraftService } from './service.ts';

/** Proposes a section's text (the optional model step); null when it has nothing usable. */
export interface SectionProposer {
  proposeSectionText(request: SectionRequest): Promise<string | null>;
}

/** A start checked by {@link DraftWorkflow.checkStart}: refused, or ready to open in the thread given to `open`. */
export type StartCheck =
  | { ok: false; reply: Reply }
  | { ok: true; open(key: DraftKey): Promise<{ draft: Draft | null; reply: Reply }> };

/** Everyone who wrote in the snapshot: the draft's creator and each section's latest author. */
function authorsOf(snapshot: DraftSnapshot): string[] {
  return [snapshot.draft.createdBy.userId, ...[...snapshot.sections.values()].map((state) => state.revision.author.userId)];
}

/**
 * Draft actions as replies, shared by the engine handler (messages in the
 * thread) and the Slack feature (slash command, buttons, forms). Starting,
 * filling, proposing and exporting check who asks ({@link DraftPeople});
 * reading (état, aide, historique) is open to the draft's channel.
 */
export class DraftWorkflow {
  /** Each platform's accounts; a platform without (CLI, tests) lets everyone write. */
  private readonly people = new Map<Platform, DraftPeople>();
  /** The export claim each export reply holds until its files are delivered (see {@link exportFailed}). */
  private readonly claims = new WeakMap<Reply, ExportClaim>();

  constructor(
    readonly service: DraftService,
    private readonly proposer?: SectionProposer,
  ) {}

  /**
   * A platform's accounts: who may write, and display names. Each adapter
   * installs its own when it registers (the handler and the adapters share
   * this workflow); a draft's platform decides whose accounts count.
   */
  usePeople(platform: Platform, people: DraftPeople): void {
    this.people.set(platform, people);
  }

  private peopleOf(platform: Platform): DraftPeople {
    return this.people.get(platform) ?? OPEN_PEOPLE;
  }

  /** True when a model can propose section texts. */
  get canPropose(): boolean {
    return this.proposer !== undefined;
  }

  /** A French refusal (only the asker sees it) when this user may not start, change or export a draft; null when they may. */
  async writeRefusal(platform: Platform, userId: string): Promise<Reply | null> {
    const problem = await this.peopleOf(platform).writeRefusal(userId);
    return problem === null ? null : textReply('refusal', problem, { ephemeral: true });
  }

  /**
   * Check a start once (the title, then who asks) before anything is posted;
   * when it may go, `open` creates the draft in the thread the caller chose.
   */
  async checkStart(title: string, author: Author, platform: Platform): Promise<StartCheck> {
    const problem = this.service.titleProblem(title);
    if (problem) return { ok: false, reply: textReply('invalid', problem) };
    const refused = await this.writeRefusal(platform, author.userId);
    if (refused) return { ok: false, reply: refused };
    return { ok: true, open: (key) => this.open(key, title, author) };
  }

  private async open(key: DraftKey, title: string, author: Author): Promise<{ draft: Draft | null; reply: Reply }> {
    const started = this.service.start(key, title, author);
    if (!started.ok) return { draft: null, reply: textReply('invalid', started.problem) };
    const names = await this.peopleOf(key.platform).names([author.userId]);
    const intro = `Brouillon de protocole local ouvert par ${authorName(author, names)}. Je vous guide section par section ; chacun peut contribuer dans ce fil.`;
    return { draft: started.value, reply: await this.status(started.value, intro) };
  }

  async status(draft: Draft, intro?: string): Promise<Reply> {
    const snapshot = this.service.snapshot(draft);
    return statusReply(this.service.model, snapshot, this.service.check(snapshot), await this.namesIn(snapshot), intro);
  }

  async fill(draft: Draft, section: ModelSection, text: string, author: Author): Promise<Reply> {
    const refused = await this.writeRefusal(draft.key.platform, author.userId);
    if (refused) return refused;
    const filled = this.service.fill(draft, section, text, author);
    if (!filled.ok) return textReply('invalid', filled.problem);
    const snapshot = this.service.snapshot(draft);
    const state = snapshot.sections.get(section.id);
    if (!state) throw new Error('section missing right after it was filled');
    return filledReply(section, state, this.service.check(snapshot), await this.peopleOf(draft.key.platform).names([author.userId]));
  }

  /**
   * A proposed text for a section, from the draft's title, the section's help and
   * `currentText` (default: the section's saved text). Never stored. Null offline
   * or when the model gives nothing usable. Callers check {@link writeRefusal} first.
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

  async propose(draft: Draft, section: ModelSection, asker: Author): Promise<Reply> {
    const refused = await this.writeRefusal(draft.key.platform, asker.userId);
    if (refused) return refused;
    if (!this.proposer) return noProposalReply(section, 'offline');
    const text = await this.proposal(draft, section);
    return text === null ? noProposalReply(section, 'failed') : proposalReply(draft, section, text);
  }

  async clear(draft: Draft, section: ModelSection, author: Author): Promise<Reply> {
    const refused = await this.writeRefusal(draft.key.platform, author.userId);
    if (refused) return refused;
    return clearedReply(section, this.service.clear(draft, section, author));
  }

  async abandon(draft: Draft, author: Author): Promise<Reply> {
    const refused = await this.writeRefusal(draft.key.platform, author.userId);
    if (refused) return refused;
    this.service.abandon(draft);
    return abandonedReply(draft);
  }

  help(): Reply {
    return helpReply(this.service.model);
  }

  async history(draft: Draft, section: ModelSection): Promise<Reply> {
    const revisions = this.service.history(draft, section);
    const names = await this.peopleOf(draft.key.platform).names(revisions.map((revision) => revision.author.userId));
    return historyReply(section, revisions, names);
  }

  /**
   * The export reply, with its files when the checks let them go. Throws when
   * the files cannot be rendered (the export stays possible); when they cannot
   * be delivered, the caller calls {@link exportFailed} with this reply.
   */
  async export(draft: Draft, asker: Author): Promise<Reply> {
    const refused = await this.writeRefusal(draft.key.platform, asker.userId);
    if (refused) return refused;
    const names = await this.namesIn(this.service.snapshot(draft));
    const exported = await this.service.export(draft, names);
    const reply = exportReply(this.service.model, draft, exported.report, exported.files, exported.unchanged);
    if (exported.claim) this.claims.set(reply, exported.claim);
    return reply;
  }

  /**
   * An export that did not reach the team (rendering failed, or `reply`'s files
   * could not be posted): « exporter » works again. What to tell the asker.
   */
  /** Is `reply` an export of this workflow whose files are still to be delivered? */
  holdsExport(reply: Reply): boolean {
    return this.claims.has(reply);
  }

  exportFailed(reply?: Reply): Reply {
    const claim = reply && this.claims.get(reply);
    if (reply && claim) {
      this.claims.delete(reply);
      this.service.releaseExport(claim);
    }
    return textReply('error', EXPORT_FAILED, { ephemeral: true });
  }

  private namesIn(snapshot: DraftSnapshot): Promise<PeopleNames> {
    return this.peopleOf(snapshot.draft.key.platform).names(authorsOf(snapshot));
  }
}

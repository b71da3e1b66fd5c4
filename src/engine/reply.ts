/**
 * The platform-neutral reply every handler returns. Adapters render it
 * (Block Kit, Mattermost, plain text); nothing here knows about a platform.
 */
export interface Citation {
  /** Article title (or registry name). */
  title: string;
  /** Section heading inside the article. */
  section: string;
  /** Public address of the source (URL or reference), as written in the article front matter. */
  source: string;
  /** Path of the knowledge file, relative to the knowledge folder. */
  path: string;
}

export type ReplyKind =
  | 'answer' // knowledge-base answer with citations
  | 'lookup' // structured registry answer
  | 'unknown' // nothing reliable in the base
  | 'refusal' // clinical question or forbidden action
  | 'help'
  | 'invalid' // bad input, text names the problem
  | 'workflow' // delegation requests, protocol drafts
  | 'error';

/** A button under a reply. `value` travels back to the engine untouched (adapters must not trust it). */
export interface ReplyButton {
  actionId: string;
  label: string;
  value: string;
  style?: 'primary' | 'danger';
}

/** A file attached to a reply (protocol export…). */
export interface ReplyFile {
  name: string;
  mimeType: string;
  content: Buffer;
}

export interface Reply {
  kind: ReplyKind;
  /** French text; light Markdown only: **bold**, "- " bullets, blank lines between paragraphs. */
  text: string;
  citations: Citation[];
  /** False when the answer is "I don't know", a refusal, or an error. */
  confident: boolean;
  buttons?: ReplyButton[];
  /** Questions the base does answer, close to one it could not (« Voulez-vous dire : … »); each asks itself again when chosen. */
  suggestions?: string[];
  files?: ReplyFile[];
  /** Only the asking user should see it (slash commands, errors about their input). */
  ephemeral?: boolean;
  /**
   * The words of the question a registry lookup answered besides its text (the profession's other names, « actes
   * délégués »): weighed when a lookup and an article compete for a question. Never shown.
   */
  covers?: string;
  /**
   * What a registry lookup sums up of what the articles say in more detail (« CPTS — missions », a practice form's
   * facts): a question that asks more than that is better answered by an article passage that answers it.
   */
  summaryOf?: string;
  /**
   * The answer rests on a passage that ranks weakly for the question: it goes out with a caveat, not confident (see
   * `withTentativeCaveat`). Set by the composers, read once the whole reply is made.
   */
  tentative?: boolean;
  /** A registry lookup that opens with its verdict on a yes/no question (« **Oui** : … »): an article passage gives none. */
  verdict?: boolean;
}

/** Kinds of reply that carry what was asked for; the others (unknown, refusal, invalid, error) are not "confident". */
const CONFIDENT_KINDS: ReadonlySet<ReplyKind> = new Set(['answer', 'lookup', 'help', 'workflow']);

export function textReply(kind: ReplyKind, text: string, extra: Partial<Reply> = {}): Reply {
  return { kind, text, citations: [], confident: CONFIDENT_KINDS.has(kind), ...extra };
}

const MARKER = /\[(\d+)\]/g;

/**
 * Texts that each cite their own citations ([1]…), one after the other: the markers renumbered across them, in the
 * order the joined text cites them, and only the citations it still cites kept.
 */
export function joinCited(parts: readonly { text: string; citations: readonly Citation[] }[]): { text: string; citations: Citation[] } {
  const cited: Citation[] = [];
  const texts = parts.map((part) => {
    const offset = cited.length;
    cited.push(...part.citations);
    return part.text.replace(MARKER, (_, n: string) => `[${Number(n) + offset}]`);
  });
  const order = new Map<number, number>();
  const kept: Citation[] = [];
  const text = texts.join('\n\n').replace(MARKER, (_, n: string) => {
    const old = Number(n);
    let number = order.get(old);
    const citation = cited[old - 1];
    if (number === undefined && citation) {
      kept.push(citation);
      number = kept.length;
      order.set(old, number);
    }
    return number === undefined ? '' : `[${number}]`;
  });
  return { text, citations: kept };
}

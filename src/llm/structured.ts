import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { HumanMessage, SystemMessage } from '@langchain/core/messages';
import { z } from 'zod';
import type { Logger } from '../log/logger.ts';
import { MAX_ACTS_CHARS, MAX_COMMENT_CHARS, MAX_PATIENTS_CHARS } from '../workflows/delegation/draft-schema.ts';
import { NATURES, NEW_LOCAL_PROTOCOL, SETTINGS, SETTING_LABELS } from '../workflows/delegation/model.ts';
import { modelCallSignal } from './budget.ts';
import { classifyFault } from './fault.ts';
import { findPatientIdentifiers } from '../privacy/patient-data-guard.ts';
import { fillPrompt, loadPrompt } from './prompts.ts';
import type { PromptName } from './prompts.ts';

/**
 * How the model is asked for JSON: tool calling (OpenAI, Mistral, vLLM, recent
 * Ollama), JSON mode (`response_format: json_object`, for servers without
 * tools), or JSON schema (OpenAI recent models).
 */
export type StructuredMethod = 'functionCalling' | 'jsonMode' | 'jsonSchema';

export const INTENTS = [
  'knowledge_question', // question on organisation, rules, cooperation protocols
  'registry_lookup', // who is who, which protocol, which structure
  'delegation_request', // asking a délégué to take over an act under a protocol
  'protocol_drafting', // writing or completing a protocol
  'help',
  'clinical_question', // about a patient's diagnosis or treatment: refused
  'other',
] as const;
export const IntentSchema = z.object({ intent: z.enum(INTENTS) });
export type Intent = (typeof INTENTS)[number];

const nullableText = (max: number) => z.string().trim().min(1).max(max).nullable();

export interface DelegationChoices {
  /** Today, AAAA-MM-JJ, to turn « lundi » or « dans 15 jours » into a date. */
  today: string;
  professions: readonly { id: string; label: string }[];
  protocols: readonly { id: string; title: string }[];
}

/**
 * Fields of a delegation request read from a free-text message, named as the
 * delegation form's fields (src/workflows/delegation/draft-schema.ts); null or
 * empty = not said. Ids are restricted to the team's registries.
 */
function delegationFieldsSchema(choices: DelegationChoices) {
  const ids = <T extends { id: string }>(items: readonly T[], extra: string[] = []) => {
    const all = [...items.map((i) => i.id), ...extra];
    return all.length > 0 ? z.enum(all as [string, ...string[]]).nullable() : z.null();
  };
  return z.object({
    delegueProfessionId: ids(choices.professions).describe('Profession du délégué sollicité (identifiant de la liste)'),
    acts: nullableText(MAX_ACTS_CHARS).describe('Actes à déléguer'),
    natures: z.array(z.enum(NATURES)).describe('Nature des actes : préventive, diagnostique, thérapeutique'),
    protocol: ids(choices.protocols, [NEW_LOCAL_PROTOCOL]).describe('Protocole de coopération (identifiant de la liste)'),
    patients: nullableText(MAX_PATIENTS_CHARS).describe('Patients concernés : critères, jamais d’identité'),
    setting: z.enum(SETTINGS).nullable().describe("Cadre d'exercice"),
    startDate: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .nullable()
      .describe('Date de début, AAAA-MM-JJ'),
    comment: nullableText(MAX_COMMENT_CHARS).describe('Autres précisions utiles'),
  });
}
export type DelegationFields = z.infer<ReturnType<typeof delegationFieldsSchema>>;

export const SectionTextSchema = z.object({ text: z.string().trim().min(1).max(3000) });

export interface SectionRequest {
  protocolTitle: string;
  sectionTitle: string;
  /** What the section must contain (from the protocol template). */
  guidance: string;
  /** Text already written by the team, possibly empty. */
  currentText: string;
}

/** The placeholders each prompt file may hold, filled by the code (checked when the steps are built). */
const PROMPT_KEYS = {
  intent: [],
  'delegation-fields': ['today', 'professions', 'protocols', 'natures', 'settings'],
  'protocol-section': ['protocol', 'section', 'guidance', 'current'],
} as const;
type PromptValues<N extends keyof typeof PROMPT_KEYS> = Record<(typeof PROMPT_KEYS)[N][number], string>;

/**
 * The structured model steps. Each returns `null` — and the caller takes its
 * offline path — when the text holds patient identifiers (it is then not sent),
 * on any fault or timeout, or when the model output does not match the schema.
 */
export class StructuredSteps {
  private readonly prompts: Record<keyof typeof PROMPT_KEYS, string>;

  constructor(
    private readonly model: BaseChatModel,
    private readonly logger: Logger,
    private readonly timeoutMs: number,
    private readonly method: StructuredMethod = 'functionCalling',
    load: (name: PromptName) => string = loadPrompt,
  ) {
    this.prompts = {
      intent: load('intent'),
      'delegation-fields': load('delegation-fields'),
      'protocol-section': load('protocol-section'),
    };
    // A placeholder the code does not fill fails here, at start, rather than on a user's message.
    for (const [name, keys] of Object.entries(PROMPT_KEYS) as [keyof typeof PROMPT_KEYS, readonly string[]][]) {
      fillPrompt(this.prompts[name], Object.fromEntries(keys.map((key) => [key, ''])));
    }
  }

  /** `timeoutMs`: this step's share of a question's budget (defaults to the whole timeout). */
  async detectIntent(text: string, timeoutMs = this.timeoutMs): Promise<Intent | null> {
    const result = await this.run('intent', IntentSchema, this.prompts.intent, text, timeoutMs);
    return result?.intent ?? null;
  }

  /**
   * Prefill for the delegation form; every field is still checked by the form (parseDraft) before anything is stored.
   * `timeoutMs`: this step's share of a question's budget (defaults to the whole timeout).
   */
  async extractDelegationFields(text: string, choices: DelegationChoices, timeoutMs = this.timeoutMs): Promise<DelegationFields | null> {
    const values = (): PromptValues<'delegation-fields'> => ({
      today: choices.today,
      professions: choices.professions.map((p) => `- ${p.id} : ${p.label}`).join('\n') || '(aucune)',
      protocols: [...choices.protocols.map((p) => `- ${p.id} : ${p.title}`), `- ${NEW_LOCAL_PROTOCOL} : nouveau protocole local`].join('\n'),
      natures: NATURES.join(', '),
      settings: SETTINGS.map((s) => `${s} (${SETTING_LABELS[s]})`).join(', '),
    });
    return this.run('delegation_fields', delegationFieldsSchema(choices), () => fillPrompt(this.prompts['delegation-fields'], values()), text, timeoutMs);
  }

  async proposeSectionText(request: SectionRequest): Promise<string | null> {
    const values: PromptValues<'protocol-section'> = {
      protocol: request.protocolTitle,
      section: request.sectionTitle,
      guidance: request.guidance,
      current: request.currentText.trim() || '(vide)',
    };
    const system = () => fillPrompt(this.prompts['protocol-section'], values);
    const result = await this.run('protocol_section', SectionTextSchema, system, `Rédige la section « ${request.sectionTitle} ».`);
    return result?.text ?? null;
  }

  /** `system` is built inside the try: a prompt that cannot be filled is a fallback, never an uncaught error. */
  private async run<T extends Record<string, unknown>>(
    step: string,
    schema: z.ZodType<T>,
    buildSystem: string | (() => string),
    user: string,
    timeoutMs = this.timeoutMs,
  ): Promise<T | null> {
    const started = performance.now();
    const fail = (reason: string): null => {
      this.logger.warn('llm.fallback', { step, reason, ms: Math.round(performance.now() - started) });
      return null;
    };
    let system: string;
    try {
      system = typeof buildSystem === 'string' ? buildSystem : buildSystem();
    } catch {
      return fail('prompt');
    }
    if ([system, user].some((text) => findPatientIdentifiers(text).length > 0)) return fail('patient_data');
    try {
      const runnable = this.model.withStructuredOutput(schema, { method: this.method, name: step });
      const output: unknown = await runnable.invoke([new SystemMessage(system), new HumanMessage(user)], {
        signal: modelCallSignal(timeoutMs),
      });
      const parsed = schema.safeParse(output);
      if (!parsed.success) return fail('invalid_output');
      this.logger.info('llm.structured', { step, ms: Math.round(performance.now() - started) });
      return parsed.data;
    } catch (error) {
      return fail(classifyFault(error));
    }
  }
}

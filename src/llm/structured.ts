import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { HumanMessage, SystemMessage } from '@langchain/core/messages';
import { z } from 'zod';
import type { Logger } from '../log/logger.ts';
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
 * What the delegation-fields step is asked: the schema of the fields (ids
 * restricted to the team's registries) and the prompt's values. Built by the
 * delegation workflow (src/workflows/delegation/fields-ask.ts).
 */
export interface FieldsAsk<T extends Record<string, unknown>> {
  schema: z.ZodType<T>;
  values: PromptValues<'delegation-fields'>;
}

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

  /** `timeoutMs`: this step's share of a question's budget (defaults to the whole timeout); `deadline`: the question's ({@link modelCallSignal}). */
  async detectIntent(text: string, timeoutMs = this.timeoutMs, deadline?: number): Promise<Intent | null> {
    const result = await this.run('intent', IntentSchema, this.prompts.intent, text, timeoutMs, deadline);
    return result?.intent ?? null;
  }

  /**
   * Prefill for the delegation form; every field is still checked by the form (parseDraft) before anything is stored.
   * `timeoutMs`: this step's share of a question's budget (defaults to the whole timeout); `deadline`: the question's.
   */
  async extractDelegationFields<T extends Record<string, unknown>>(text: string, ask: FieldsAsk<T>, timeoutMs = this.timeoutMs, deadline?: number): Promise<T | null> {
    return this.run('delegation_fields', ask.schema, () => fillPrompt(this.prompts['delegation-fields'], ask.values), text, timeoutMs, deadline);
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
    deadline?: number,
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
        signal: modelCallSignal(timeoutMs, deadline),
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

import { ChatOpenAI } from '@langchain/openai';
import type { LlmConfig } from '../config/env.ts';

/**
 * The chat model behind the optional LLM mode, or `undefined` when no chat model
 * is configured (Coordo then stays fully offline). Any OpenAI-compatible server
 * works (OpenAI, Mistral, Albert, Ollama, vLLM, llama.cpp server): Chat
 * Completions API, no retries — the time budget is total, callers fall back.
 */
export function createChatModel(config: LlmConfig | undefined): ChatOpenAI | undefined {
  if (!config?.chatModel) return undefined;
  return new ChatOpenAI({
    model: config.chatModel,
    apiKey: config.apiKey,
    configuration: config.baseURL ? { baseURL: config.baseURL } : {},
    useResponsesApi: false,
    timeout: config.timeoutMs,
    maxRetries: 0,
  });
}

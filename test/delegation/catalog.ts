import path from 'node:path';
import { loadRegistries } from '../../src/domain/load.ts';
import { delegationCatalog, type DelegationCatalog } from '../../src/workflows/delegation/catalog.ts';

/** The real registries of the project's knowledge folder. */
export const KNOWLEDGE_DIR = path.resolve(import.meta.dirname, '../../knowledge');

let cached: DelegationCatalog | undefined;
export function realCatalog(): DelegationCatalog {
  cached ??= delegationCatalog(loadRegistries(KNOWLEDGE_DIR));
  return cached;
}

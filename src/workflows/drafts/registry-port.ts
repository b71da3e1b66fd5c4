import { canTakePart, findProfession, matchProtocolsByActs } from '../../domain/lookups.ts';
import type { Registries } from '../../domain/registry.ts';
import type { ProtocolRegistryPort } from './checks.ts';

/** The draft checks' view of the domain registries. */
export function createProtocolRegistryPort(registries: Registries): ProtocolRegistryPort {
  return {
    findProfession(text) {
      const profession = findProfession(registries, text);
      return profession ? { id: profession.id, label: profession.label } : null;
    },
    canTakePart: (professionId) => canTakePart(registries, professionId),
    nationalProtocolsCovering: (text) =>
      matchProtocolsByActs(registries, text)
        .filter((protocol) => protocol.scope === 'national')
        .map((protocol) => ({ title: protocol.title, sources: protocol.sources })),
  };
}

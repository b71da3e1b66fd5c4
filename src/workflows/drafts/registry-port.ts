import { isoDay } from '../../domain/dated.ts';
import { canTakePart, findProfession, matchProtocolsByActs } from '../../domain/lookups.ts';
import { statusPhrase } from '../../domain/protocol-status.ts';
import type { Registries } from '../../domain/registry.ts';
import type { ProtocolRegistryPort } from './checks.ts';

/** The draft checks' view of the domain registries; `today` words the statuses that carry a date. */
export function createProtocolRegistryPort(registries: Registries, today: () => Date = () => new Date()): ProtocolRegistryPort {
  return {
    findProfession(text) {
      const profession = findProfession(registries, text);
      return profession ? { id: profession.id, label: profession.label } : null;
    },
    canTakePart: (professionId) => canTakePart(registries, professionId),
    protocolsCovering: (text) =>
      matchProtocolsByActs(registries, text).flatMap((protocol) => {
        const status = protocol.status.kind;
        if (status === 'local') return [];
        return [{ title: protocol.title, sources: protocol.sources, status, statusText: statusPhrase(protocol, isoDay(today())) }];
      }),
  };
}

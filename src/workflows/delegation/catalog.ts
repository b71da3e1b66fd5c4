import { canTakePart, matchProtocolsByActs, professionCovers } from '../../domain/lookups.ts';
import type { Protocol, Registries } from '../../domain/registry.ts';

/**
 * What the delegation form needs from the domain registries: the professions
 * (and whether each may be délégué), the protocols to choose from, the protocols
 * matching typed acts, and whether a protocol allows a given délégué.
 */
export interface CatalogProfession {
  id: string;
  label: string;
  /** May be délégué of a protocole de coopération (art. L4011-1 CSP). */
  mayBeDelegue: boolean;
}

export interface CatalogProtocol {
  id: string;
  title: string;
  scope: 'national' | 'local';
  /** Team owning a local protocol. */
  team?: string;
}

export interface DelegationCatalog {
  readonly professions: readonly CatalogProfession[];
  /** National protocols first, then local ones, in registry order. */
  readonly protocols: readonly CatalogProtocol[];
  /** Protocols whose acts match the text, best first. */
  suggestProtocols(acts: string): CatalogProtocol[];
  /** False when the protocol names its délégués and the profession (or its parent/specialty) is not among them. */
  protocolAllowsDelegue(protocolId: string, professionId: string): boolean;
}

const toCatalogProtocol = (protocol: Protocol): CatalogProtocol => ({
  id: protocol.id,
  title: protocol.title,
  scope: protocol.scope,
  team: protocol.team,
});

export function delegationCatalog(registries: Registries): DelegationCatalog {
  const protocols = [...registries.protocols].sort((a, b) => (a.scope === b.scope ? 0 : a.scope === 'national' ? -1 : 1));
  return {
    professions: registries.professions.map((profession) => ({
      id: profession.id,
      label: profession.label,
      mayBeDelegue: canTakePart(registries, profession.id),
    })),
    protocols: protocols.map(toCatalogProtocol),
    suggestProtocols: (acts) => matchProtocolsByActs(registries, acts).map(toCatalogProtocol),
    protocolAllowsDelegue(protocolId, professionId) {
      const protocol = registries.protocols.find((p) => p.id === protocolId);
      if (protocol === undefined || protocol.delegues.length === 0) return true;
      return protocol.delegues.some((listed) => professionCovers(registries, listed, professionId));
    },
  };
}

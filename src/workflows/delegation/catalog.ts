import { isoDay, type IsoDay } from '../../domain/dated.ts';
import { canTakePart, matchProtocolsByActs, professionCovers } from '../../domain/lookups.ts';
import { statusTag } from '../../domain/protocol-status.ts';
import { inForce, type Protocol, type ProtocolStatusKind, type Registries } from '../../domain/registry.ts';

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
  /** National, local, or another status (earlier scheme, file without authorisation, common law). */
  status: ProtocolStatusKind;
  /** The status in a few words, as shown next to the title: « national », « local, <équipe> », « dossier HAS, autorisation non trouvée ». */
  tag: string;
  /** False for entries a team cannot apply as a protocol (earlier schemes, files not authorised, common law). */
  inForce: boolean;
  /** Team owning a local protocol. */
  team?: string;
}

export interface DelegationCatalog {
  readonly professions: readonly CatalogProfession[];
  /** National protocols first, then local ones, then entries of other statuses, in registry order. */
  readonly protocols: readonly CatalogProtocol[];
  /** Protocols whose acts match the text, best first. */
  suggestProtocols(acts: string): CatalogProtocol[];
  /** False when the protocol names its délégués and the profession (or its parent/specialty) is not among them. */
  protocolAllowsDelegue(protocolId: string, professionId: string): boolean;
}

const RANK: Record<ProtocolStatusKind, number> = { national: 0, local: 1, 'dispositif-anterieur': 2, 'dossier-evalue': 2, 'droit-commun': 2 };

/** `today` words the tags that carry a date (« droit commun depuis le … »). */
export function delegationCatalog(registries: Registries, today: IsoDay = isoDay(new Date())): DelegationCatalog {
  const toCatalogProtocol = (protocol: Protocol): CatalogProtocol => ({
    id: protocol.id,
    title: protocol.title,
    status: protocol.status.kind,
    tag: statusTag(protocol, today),
    inForce: inForce(protocol),
    team: protocol.team,
  });
  const protocols = [...registries.protocols].sort((a, b) => RANK[a.status.kind] - RANK[b.status.kind]);
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

import type { DelegationAction, DelegationDraft, DelegationRequest, DelegationState } from './model.ts';

/** The two parts a user can play in a request. */
export type Role = 'requester' | 'delegue';

interface Rule {
  from: readonly DelegationState[];
  to: DelegationState;
  by: readonly Role[];
  /** Whether the user is asked for a comment before the change: required, optional, or not asked. */
  comment: 'required' | 'optional' | 'none';
}

/**
 * Allowed transitions and who may perform each. Anything not listed here is refused.
 * submitted → accepted | declined | info_requested; info_requested → submitted (answer) | accepted | declined;
 * submitted | info_requested → withdrawn (requester); accepted → closed (either side).
 */
const RULES: Record<DelegationAction, Rule> = {
  accept: { from: ['submitted', 'info_requested'], to: 'accepted', by: ['delegue'], comment: 'none' },
  decline: { from: ['submitted', 'info_requested'], to: 'declined', by: ['delegue'], comment: 'optional' },
  request_info: { from: ['submitted'], to: 'info_requested', by: ['delegue'], comment: 'required' },
  answer_info: { from: ['info_requested'], to: 'submitted', by: ['requester'], comment: 'required' },
  withdraw: { from: ['submitted', 'info_requested'], to: 'withdrawn', by: ['requester'], comment: 'none' },
  close: { from: ['accepted'], to: 'closed', by: ['requester', 'delegue'], comment: 'none' },
};

/** Profession id → platform-qualified ids of its members (Config.professionGroups). */
export type ProfessionGroups = Readonly<Record<string, readonly string[]>>;

/**
 * Who may answer a request as délégué: the named user, and the members of the
 * named profession's group (Config.professionGroups), whether or not a user is
 * named too. The requester never counts as délégué of their own request.
 */
export function deleguesOf(request: Pick<DelegationDraft, 'delegantUserId' | 'delegueUserId' | 'delegueProfessionId'>, groups: ProfessionGroups): string[] {
  const members = request.delegueProfessionId === undefined ? [] : (groups[request.delegueProfessionId] ?? []);
  const named = request.delegueUserId === undefined ? [] : [request.delegueUserId];
  return [...new Set([...named, ...members])].filter((userId) => userId !== request.delegantUserId);
}

/** The roles a user holds on a request, from the stored request and the configured groups only. */
export function rolesOf(request: DelegationRequest, userId: string, groups: ProfessionGroups): Set<Role> {
  const roles = new Set<Role>();
  if (request.delegantUserId === userId) roles.add('requester');
  else if (deleguesOf(request, groups).includes(userId)) roles.add('delegue');
  return roles;
}

/** Whether the user holds a role allowed to perform the action, whatever the current state. */
export function mayPerform(request: DelegationRequest, action: DelegationAction, userId: string, groups: ProfessionGroups): boolean {
  const roles = rolesOf(request, userId, groups);
  return RULES[action].by.some((role) => roles.has(role));
}

export type TransitionCheck = { ok: true; to: DelegationState } | { ok: false; reason: 'forbidden' | 'invalid_state' };

/** Whether `userId` may perform `action` on the request now: rights first, then state. */
export function checkTransition(request: DelegationRequest, action: DelegationAction, userId: string, groups: ProfessionGroups): TransitionCheck {
  if (!mayPerform(request, action, userId, groups)) return { ok: false, reason: 'forbidden' };
  const rule = RULES[action];
  if (!rule.from.includes(request.state)) return { ok: false, reason: 'invalid_state' };
  return { ok: true, to: rule.to };
}

/** True when the action needs a comment and none (or only blanks) was given. */
export function missingComment(action: DelegationAction, comment: string | undefined): boolean {
  return RULES[action].comment === 'required' && !comment?.trim();
}

/** Actions a party may perform from a state (the buttons of that party's card). */
export function actionsFor(state: DelegationState, role: Role): DelegationAction[] {
  return (Object.keys(RULES) as DelegationAction[]).filter((action) => RULES[action].from.includes(state) && RULES[action].by.includes(role));
}

/** Whether the action asks the user for a comment (required or optional) before it is applied. */
export function commentPolicy(action: DelegationAction): Rule['comment'] {
  return RULES[action].comment;
}

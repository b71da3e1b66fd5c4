import { ACTIONS, type DelegationAction } from './model.ts';

/** The ids the delegation feature owns (all `delegation_…`): forms, card actions, the message shortcut. */
export const FEATURE = 'delegation';
export const FORM_ID = 'delegation_request_form';
export const COMMENT_FORM_ID = 'delegation_comment_form';
export const READING_FORM_ID = 'delegation_reading';
/** Declared in manifest.yml (Slack message shortcut). */
export const MESSAGE_SHORTCUT = 'delegation_from_message';
export const transitionActionId = (action: DelegationAction): string => `delegation_${action}`;
export const actionOf = (actionId: string): DelegationAction | undefined => ACTIONS.find((a) => transitionActionId(a) === actionId);

import { OPEN_FORM_ACTION } from '../../workflows/delegation/open-form-button.ts';
import type { DelegationField } from '../../workflows/delegation/draft-schema.ts';
import { ACTIONS, type DelegationAction } from '../../workflows/delegation/model.ts';

/** Modal callback ids, action ids and the message shortcut the delegation feature owns (all prefixed `delegation_`). */
export const FORM_CALLBACK = 'delegation_request_form';
export const COMMENT_CALLBACK = 'delegation_comment_form';
/** Declared in manifest.yml. */
export const MESSAGE_SHORTCUT = 'delegation_from_message';
export const transitionActionId = (action: DelegationAction): string => `delegation_${action}`;
/** Action id of a form field's element; its block id is the field name. */
export function fieldAction(field: DelegationField): string {
  return `delegation_field_${field}`;
}
export const ACTS_ACTION = fieldAction('acts');
export const TRANSITION_ACTION = new RegExp(`^(?:${ACTIONS.map(transitionActionId).join('|')})$`);
/** Any other `delegation_…` action id: forged, or from an older version of the card; refused and logged. */
export const UNKNOWN_ACTION = new RegExp(`^(?!(?:${[...ACTIONS.map(transitionActionId), OPEN_FORM_ACTION, ACTS_ACTION].join('|')})$)delegation_`);

import { z } from 'zod';
import type { InputBlock, KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import type { FormField, FormItem, FormOption, FormSpec, FormValues } from '../../core/form.ts';
import { qualify } from '../../core/ids.ts';
import { truncate } from '../../text/truncate.ts';
import { plain } from './render.ts';

/** Slack limits: option text 75 characters, 100 options per select or group, labels and hints 2,000, texts 3,000. */
const MAX_OPTION_TEXT = 75;
const MAX_OPTIONS = 100;
const MAX_LABEL = 2000;
const MAX_TEXT = 3000;

const option = (o: FormOption): PlainTextOption => ({ value: o.value, text: plain(truncate(o.label, MAX_OPTION_TEXT)) });

/** Action id of a field's element: its inputId, else `<feature>_field_<field id>` (the block id is the field id). */
const fieldActionId = (formId: string, field: FormField): string => field.inputId ?? `${formId.split('_')[0]}_field_${field.id}`;

function element(formId: string, field: FormField): InputBlock['element'] {
  const action_id = fieldActionId(formId, field);
  const placeholder = field.placeholder ? { placeholder: plain(field.placeholder) } : {};
  switch (field.kind) {
    case 'text':
    case 'long_text':
      return {
        type: 'plain_text_input',
        action_id,
        ...(field.kind === 'long_text' ? { multiline: true } : {}),
        ...(field.maxLength ? { max_length: field.maxLength } : {}),
        ...placeholder,
        ...(field.live ? { dispatch_action_config: { trigger_actions_on: ['on_character_entered' as const] } } : {}),
        ...(field.initial ? { initial_value: field.initial } : {}),
      };
    case 'select': {
      const options = (field.options ?? []).slice(0, MAX_OPTIONS).map(option);
      const groups = field.groups?.map((g) => ({ label: plain(g.label), options: g.options.slice(0, MAX_OPTIONS).map(option) }));
      const initial = [...options, ...(groups ?? []).flatMap((g) => g.options)].find((o) => o.value === field.initial);
      return { type: 'static_select', action_id, ...placeholder, ...(groups ? { option_groups: groups } : { options }), ...(initial ? { initial_option: initial } : {}) };
    }
    case 'multi_select': {
      const options = field.options.slice(0, MAX_OPTIONS).map(option);
      const chosen = field.initial ?? [];
      const initial = options.filter((o) => o.value !== undefined && chosen.includes(o.value));
      return { type: 'checkboxes', action_id, options, ...(initial.length > 0 ? { initial_options: initial } : {}) };
    }
    case 'user':
      return { type: 'users_select', action_id, ...placeholder, ...(field.initial ? { initial_user: field.initial } : {}) };
    case 'date':
      return { type: 'datepicker', action_id, ...(field.initial ? { initial_date: field.initial } : {}) };
  }
}

function block(formId: string, item: FormItem): KnownBlock {
  if (item.kind === 'button') {
    return { type: 'actions', block_id: item.id, elements: [{ type: 'button', action_id: item.actionId, text: plain(item.label), value: item.value }] };
  }
  if (item.kind === 'select' && item.live) {
    // A choice that changes the form: outside the inputs, reported at once.
    return { type: 'actions', block_id: item.id, elements: [element(formId, item) as Extract<InputBlock['element'], { type: 'static_select' }>] };
  }
  if (item.kind === 'note') {
    const text = { type: 'mrkdwn' as const, text: truncate(item.text, MAX_TEXT) };
    const id = item.id ? { block_id: item.id } : {};
    return item.small ? { type: 'context', ...id, elements: [text] } : { type: 'section', ...id, text };
  }
  const live = (item.kind === 'text' || item.kind === 'long_text') && item.live;
  return {
    type: 'input',
    block_id: item.id,
    ...(live ? { dispatch_action: true } : {}),
    ...(item.optional ? { optional: true } : {}),
    label: plain(truncate(item.label, MAX_LABEL)),
    ...(item.hint ? { hint: plain(truncate(item.hint, MAX_LABEL)) } : {}),
    element: element(formId, item),
  };
}

/** A neutral form as a Slack modal: block ids are the field ids, so field errors land next to their field. */
export function modalOf(form: FormSpec): ModalView {
  return {
    type: 'modal',
    callback_id: form.id,
    title: plain(form.title),
    ...(form.submitLabel ? { submit: plain(form.submitLabel) } : {}),
    close: plain(form.cancelLabel),
    ...(form.metadata !== undefined ? { private_metadata: form.metadata } : {}),
    blocks: form.items.map((item) => block(form.id, item)),
  };
}

const ElementStateSchema = z.object({
  value: z.string().nullish(),
  selected_user: z.string().nullish(),
  selected_date: z.string().nullish(),
  selected_option: z.object({ value: z.string() }).nullish(),
  selected_options: z.array(z.object({ value: z.string() })).nullish(),
});
const StateValuesSchema = z.record(z.string(), z.record(z.string(), ElementStateSchema));

/** One element's state as a neutral value: the options chosen, the option, the person (platform-qualified), the date, the text. */
function valueOf(state: z.infer<typeof ElementStateSchema>): FormValues[string] {
  if (state.selected_options) return state.selected_options.map((o) => o.value);
  return state.selected_option?.value ?? (state.selected_user ? qualify('slack', state.selected_user) : undefined) ?? state.selected_date ?? state.value ?? undefined;
}

/** A modal's view.state.values as neutral values by field (block) id; nothing when the payload is unreadable. */
export function valuesOf(raw: unknown): FormValues {
  const parsed = StateValuesSchema.safeParse(raw);
  if (!parsed.success) return {};
  return Object.fromEntries(Object.entries(parsed.data).flatMap(([blockId, elements]) => Object.values(elements).slice(0, 1).map((state) => [blockId, valueOf(state)])));
}

import { z } from 'zod';
import { qualify } from '../../core/ids.ts';
import { isField, type FormField, type FormSpec, type FormValues } from '../../core/form.ts';
import { truncate } from '../../text/truncate.ts';

/** Limits of an interactive dialog (server-side checks). */
export const MAX_DIALOG_LABEL = 24;
const MAX_TEXT = 150;
const MAX_TEXTAREA = 3000;
const MAX_HELP = 150;

/** What the submission needs to be read back: the user fields (qualified) and each multiple choice's options (one checkbox each). */
export const FormShapeSchema = z.object({ users: z.array(z.string()), multi: z.record(z.string(), z.array(z.string())) });
export type FormShape = z.infer<typeof FormShapeSchema>;

type Element = Record<string, unknown>;

const label = (text: string) => truncate(text, MAX_DIALOG_LABEL);
/** The whole label as help when the dialog shows it cut, with the field's own hint. */
function help(field: FormField): string | undefined {
  const parts = [field.label.length > MAX_DIALOG_LABEL ? field.label : '', field.hint ?? ''].filter(Boolean);
  return parts.length ? truncate(parts.join(' — '), MAX_HELP) : undefined;
}

const checkboxName = (fieldId: string, index: number) => `${fieldId}.${index}`;

function elementsOf(field: FormField): Element[] {
  const base = { display_name: label(field.label), name: field.id, optional: field.optional ?? false, ...(help(field) ? { help_text: help(field) } : {}), ...(field.placeholder ? { placeholder: field.placeholder } : {}) };
  switch (field.kind) {
    case 'text':
    case 'date':
      return [{ ...base, type: 'text', max_length: Math.min(field.kind === 'text' ? (field.maxLength ?? MAX_TEXT) : 10, MAX_TEXT), ...(field.initial ? { default: field.initial } : {}) }];
    case 'long_text':
      return [{ ...base, type: 'textarea', max_length: Math.min(field.maxLength ?? MAX_TEXTAREA, MAX_TEXTAREA), ...(field.initial ? { default: field.initial } : {}) }];
    case 'select': {
      const options = [...(field.options ?? []), ...(field.groups ?? []).flatMap((g) => g.options.map((o) => ({ ...o, label: `${g.label} — ${o.label}` })))];
      return [{ ...base, type: 'select', options: options.map((o) => ({ text: o.label, value: o.value })), ...(field.initial ? { default: field.initial } : {}) }];
    }
    case 'user':
      return [{ ...base, type: 'select', data_source: 'users' }];
    case 'multi_select':
      // No multiple choice in a dialog: one checkbox per option, the first one carrying the field's label.
      return field.options.map((o, i) => ({
        display_name: i === 0 ? label(field.label) : label(o.label),
        name: checkboxName(field.id, i),
        type: 'bool',
        optional: true,
        placeholder: o.label,
        ...(field.initial?.includes(o.value) ? { default: 'true' } : {}),
      }));
  }
}

/** The form as a Mattermost interactive dialog (its state and callback id given by the caller); the shape to read its submission. */
export function dialogOf(form: FormSpec): { dialog: Record<string, unknown>; shape: FormShape } {
  const fields = form.items.filter(isField);
  const notes = form.items.flatMap((item) => (item.kind === 'note' ? [item.text] : []));
  const shape: FormShape = {
    users: fields.filter((f) => f.kind === 'user').map((f) => f.id),
    multi: Object.fromEntries(fields.flatMap((f) => (f.kind === 'multi_select' ? [[f.id, f.options.map((o) => o.value)]] : []))),
  };
  const dialog = {
    title: label(form.title),
    ...(form.submitLabel ? { submit_label: form.submitLabel } : {}),
    ...(notes.length ? { introduction_text: notes.join('\n\n') } : {}),
    elements: fields.flatMap(elementsOf),
    notify_on_cancel: false,
  };
  return { dialog, shape };
}

const checked = (value: unknown) => value === true || value === 'true';

/** A submission back into the core's values: users qualified, checkboxes gathered, empty texts absent. */
export function valuesOf(submission: Record<string, unknown>, shape: FormShape): FormValues {
  const values: FormValues = {};
  const boxes = new Set(Object.keys(shape.multi).flatMap((id) => shape.multi[id]!.map((_, i) => checkboxName(id, i))));
  for (const [name, raw] of Object.entries(submission)) {
    if (boxes.has(name) || typeof raw !== 'string' || raw.trim() === '') continue;
    values[name] = shape.users.includes(name) ? qualify('mattermost', raw) : raw;
  }
  for (const [id, options] of Object.entries(shape.multi)) values[id] = options.filter((_, i) => checked(submission[checkboxName(id, i)]));
  return values;
}

/** Field errors by dialog element name (a multiple choice's on its first checkbox). */
export function dialogErrors(errors: Record<string, string>, shape: FormShape): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).map(([id, text]) => [shape.multi[id] ? checkboxName(id, 0) : id, text]));
}

/**
 * A form as the core describes it; each adapter renders it (Slack: a modal).
 * Field ids are what the submitted values are keyed by, and where field
 * errors land. Form ids are `<feature>_…` (the router finds the feature by it).
 */
export interface FormOption {
  value: string;
  label: string;
}

export interface FormOptionGroup {
  label: string;
  options: FormOption[];
}

interface FieldBase {
  id: string;
  /**
   * The input's own id, where a platform keeps typed text by it across an
   * update (Slack): a new one shows `initial` instead of what was typed.
   * Default: `<feature>_field_<id>`.
   */
  inputId?: string;
  label: string;
  optional?: boolean;
  hint?: string;
  placeholder?: string;
}

export type FormField =
  | (FieldBase & { kind: 'text' | 'long_text'; maxLength?: number; initial?: string; /** Report each change while typed (capability liveFormUpdate). */ live?: boolean })
  /** `live`: a choice that changes the form at once (reported as a change, not submitted). */
  | (FieldBase & { kind: 'select'; options?: FormOption[]; groups?: FormOptionGroup[]; initial?: string; live?: boolean })
  | (FieldBase & { kind: 'multi_select'; options: FormOption[]; initial?: string[] })
  | (FieldBase & { kind: 'user'; initial?: string })
  | (FieldBase & { kind: 'date'; initial?: string });

/** A line of text between fields (not an input); `id` lets an adapter keep its place. */
export interface FormNote {
  kind: 'note';
  id?: string;
  text: string;
  /** Shown in small type (a hint), or as a paragraph. */
  small?: boolean;
}

/** A button inside the form (its click is an action with the form's values). */
export interface FormButton {
  kind: 'button';
  id: string;
  actionId: string;
  label: string;
  value: string;
}

export interface FormSpec {
  id: string;
  title: string;
  /** No submit label: the form only informs (e.g. « reading the message… »). */
  submitLabel?: string;
  cancelLabel: string;
  /** Carried with the form and given back on submit or change (untrusted: checked again). */
  metadata?: string;
  items: FormItem[];
}

/** Submitted or current values by field id: text, chosen value(s), a user id, a date AAAA-MM-JJ. */
export type FormValues = Record<string, string | string[] | undefined>;

export type FormItem = FormField | FormNote | FormButton;

export const isField = (item: FormItem): item is FormField => item.kind !== 'note' && item.kind !== 'button';

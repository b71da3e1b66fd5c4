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
  label: string;
  optional?: boolean;
  hint?: string;
  placeholder?: string;
}

export type FormField =
  | (FieldBase & { kind: 'text' | 'long_text'; maxLength?: number; initial?: string; /** Report each change while typed (capability liveFormUpdate). */ live?: boolean })
  | (FieldBase & { kind: 'select'; options?: FormOption[]; groups?: FormOptionGroup[]; initial?: string })
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

export interface FormSpec {
  id: string;
  title: string;
  /** No submit label: the form only informs (e.g. « reading the message… »). */
  submitLabel?: string;
  cancelLabel: string;
  /** Carried with the form and given back on submit or change (untrusted: checked again). */
  metadata?: string;
  items: (FormField | FormNote)[];
}

/** Submitted or current values by field id: text, chosen value(s), a user id, a date AAAA-MM-JJ. */
export type FormValues = Record<string, string | string[] | undefined>;

export const isField = (item: FormField | FormNote): item is FormField => item.kind !== 'note';

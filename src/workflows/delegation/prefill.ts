import type { FieldsAsk } from '../../llm/structured.ts';
import { findPatientIdentifiers } from '../../privacy/patient-data-guard.ts';
import type { DelegationCatalog } from './catalog.ts';
import { checkFields } from './draft-schema.ts';
import { delegationFieldsAsk, type DelegationChoices, type DelegationFields } from './fields-ask.ts';
import { NEW_LOCAL_PROTOCOL } from './model.ts';
import type { FormPrefill } from './open-form-button.ts';

/** What opens the request form: the short pre-fill a button can carry, plus the free texts. */
export interface FormInitial extends FormPrefill {
  acts?: string;
  patients?: string;
  comment?: string;
}

/** The short fields of a pre-fill, which a button value or a modal's metadata can carry. */
export function shortFields(initial: FormInitial): FormPrefill {
  const { protocol, profession, natures, setting, startDate } = initial;
  return { protocol, profession, natures, setting, startDate };
}

/** Reads the fields of a request from a free-text message (the optional model step); null = nothing usable. */
export interface DelegationFieldsReader {
  /** `timeoutMs`: this call's share of the time budget (defaults to the reader's whole timeout); `deadline`: the question's. */
  extractDelegationFields(text: string, ask: FieldsAsk<DelegationFields>, timeoutMs?: number, deadline?: number): Promise<DelegationFields | null>;
}

/** The registries as the model sees them: only the professions that may be délégué. */
export function delegationChoices(catalog: DelegationCatalog, today: string): DelegationChoices {
  return {
    today,
    professions: catalog.professions.filter((p) => p.mayBeDelegue).map((p) => ({ id: p.id, label: p.label })),
    protocols: catalog.protocols.map((p) => ({ id: p.id, title: p.title })),
  };
}

const clean = (text: string | undefined): string | undefined =>
  text !== undefined && findPatientIdentifiers(text).length === 0 ? text : undefined;

/**
 * Keep only what the form itself would accept: each field through the form's
 * schema, ids known to the registries (a délégué profession, a registered or
 * new local protocol), a start date not in the past, texts without patient
 * identifiers. Everything else is dropped, never corrected.
 */
export function formInitialFrom(fields: Record<string, unknown>, catalog: DelegationCatalog, today: string): FormInitial {
  const { values } = checkFields(fields);
  const profession = catalog.professions.find((p) => p.id === values.delegueProfessionId && p.mayBeDelegue);
  const protocol =
    values.protocol === NEW_LOCAL_PROTOCOL || catalog.protocols.some((p) => p.id === values.protocol) ? values.protocol : undefined;
  const initial: FormInitial = {
    profession: profession?.id,
    protocol,
    natures: values.natures && [...new Set(values.natures)],
    setting: values.setting,
    startDate: values.startDate !== undefined && values.startDate >= today ? values.startDate : undefined,
    acts: clean(values.acts),
    patients: clean(values.patients),
    comment: clean(values.comment),
  };
  return Object.fromEntries(Object.entries(initial).filter(([, v]) => v !== undefined)) as FormInitial;
}

/** The form's pre-fill read from a message by the model, or null (no model answer: the caller keeps its offline pre-fill). */
export async function prefillFromText(
  reader: DelegationFieldsReader,
  catalog: DelegationCatalog,
  text: string,
  today: string,
  timeoutMs?: number,
  deadline?: number,
): Promise<FormInitial | null> {
  const fields = await reader.extractDelegationFields(text, delegationFieldsAsk(delegationChoices(catalog, today)), timeoutMs, deadline);
  return fields === null ? null : formInitialFrom(fields, catalog, today);
}

import type { FormItem, FormSpec } from './form.ts';
import type { Formatter } from './markup.ts';

/**
 * What a platform can do; the core falls back for each missing capability
 * ({@link adaptForm}, and the workflows' choices documented where they read it).
 */
export interface Capabilities {
  /** An open form can be replaced while it is shown (Slack views.update). Without: no live suggestions; a form waits for the model before opening. */
  liveFormUpdate: boolean;
  /** A date field has a picker. Without: a text field AAAA-MM-JJ. */
  datePicker: boolean;
  /** A reply only one person sees, in a thread. Without: a direct message. */
  ephemeralInThread: boolean;
  /** An action on a message (Slack message shortcut). Without: the command with the text. */
  messageShortcut: boolean;
}

/** The form as this platform can show it: a date without a picker is a text field; live fields only where forms update. */
export function adaptForm(form: FormSpec, capabilities: Capabilities): FormSpec {
  const items = form.items.map((item): FormItem => {
    if (item.kind === 'date' && !capabilities.datePicker) {
      const { kind: _date, ...rest } = item;
      return { ...rest, kind: 'text', maxLength: 10, placeholder: 'AAAA-MM-JJ' };
    }
    if ((item.kind === 'text' || item.kind === 'long_text') && item.live && !capabilities.liveFormUpdate) return { ...item, live: false };
    return item;
  });
  return { ...form, items };
}

/** What the core knows of the platform an interaction came from. */
export interface Platform {
  capabilities: Capabilities;
  markup: Formatter;
}

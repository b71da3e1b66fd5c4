import type { Effect, NotOpened } from '../../core/effect.ts';
import type { FormSpec } from '../../core/form.ts';
import type { Place } from '../../core/interaction.ts';
import type { Platform } from '../../engine/message.ts';
import { errorName, type Logger } from '../../log/logger.ts';

/** How a platform shows forms in a scene `S`; `H`: what it knows of an open form (to replace it). */
export interface FormPort<S, H> {
  platform: Platform;
  /** Open the form for the actor (throws when the platform refuses); null when the platform did not say which form it opened. */
  open(form: FormSpec, scene: S): Promise<H | null>;
  /** Replace an open form; what is known of it afterwards. Absent: forms cannot change while open. */
  replace?(open: H, form: FormSpec, scene: S): Promise<H>;
  /** Tell the actor alone, in `place` when given. */
  tell(text: string, scene: S, place?: Place): Promise<void>;
  /** The platform said the form came too late (its trigger expired). */
  expired?(error: unknown): boolean;
  /** What the platform said of a refusal, logged with it. */
  detail?(error: unknown): Record<string, string | number | undefined>;
}

type Run<K extends Effect['kind'], S> = (effect: Extract<Effect, { kind: K }>, scene: S) => Promise<void>;

/**
 * `open_form` and `update_form` the same way on every platform: the form
 * shown, then its refined version in its place (where forms can change); a
 * form the platform refuses is logged by the feature's event and its actor told.
 */
export function formEffects<S, H>(port: FormPort<S, H>, logger: Logger, current: (scene: S) => H | undefined = () => undefined): { open_form: Run<'open_form', S>; update_form: Run<'update_form', S> } {
  async function failed(scene: S, what: NotOpened, error: unknown): Promise<void> {
    formNotOpened(logger, what, error, port.detail?.(error));
    const text = what.expired && port.expired?.(error) ? what.expired : what.text;
    if (text) await port.tell(text, scene, what.place);
  }

  const notUpdated = (error: unknown) => logger.info(`${port.platform}.form_not_updated`, { error: errorName(error) });

  return {
    async open_form(effect, scene) {
      try {
        const open = await port.open(effect.form, scene);
        formOpened(logger, effect.notOpened);
        if (!effect.refine || !port.replace) return;
        // A form that cannot be named cannot be refined: told as not opened, the refinement never asked.
        if (open === null) throw new Error('the platform gave no id of the opened form');
        const better = await effect.refine();
        // Closed by the user meanwhile: nothing to show.
        if (better) await port.replace(open, better, scene).catch(notUpdated);
      } catch (error) {
        await failed(scene, effect.notOpened, error);
      }
    },
    async update_form(effect, scene) {
      if (!port.replace) {
        // Forms cannot change while open: the router already left live fields out.
        if (effect.notUpdated?.text) await port.tell(effect.notUpdated.text, scene);
        return;
      }
      const open = current(scene);
      if (open === undefined) return;
      try {
        const replaced = await port.replace(open, effect.form, scene);
        const better = effect.refine ? await effect.refine() : null;
        if (better) await port.replace(replaced, better, scene);
      } catch (error) {
        // Closed, or typed on meanwhile (a newer update is on its way).
        if (effect.notUpdated) await failed(scene, effect.notUpdated, error);
        else logger.debug(`${port.platform}.form_not_updated`, { error: errorName(error) });
      }
    },
  };
}

/** A form the platform opened: its event logged, when the feature named one. */
function formOpened(logger: Logger, what: NotOpened): void {
  if (what.opened) logger.info(what.opened.event, what.opened.meta);
}

/** A form the platform would not open or update: logged by the feature's event, with what the platform said (`detail`). */
function formNotOpened(logger: Logger, what: NotOpened, error: unknown, detail: Record<string, string | number | undefined> = {}): void {
  logger[what.level ?? 'warn'](what.event, { ...what.meta, ...detail, error: errorName(error) });
}

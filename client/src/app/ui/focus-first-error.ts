import type { OnSubmit } from '@mantine/form';
import type { FormEvent, SyntheticEvent } from 'react';

/** A field marked invalid, or a field's error message (a group of choices has no aria-invalid). */
const FIELD_ERROR_SELECTOR = '[aria-invalid="true"], .mantine-InputWrapper-error';
/** The form's own error, when no field is at fault. */
const FORM_ERROR_SELECTOR = '[role="alert"]';
const FOCUSABLE_SELECTOR = 'input:not([type="hidden"]):not(:disabled), select:not(:disabled), textarea:not(:disabled), button:not(:disabled), [tabindex]:not([tabindex="-1"])';

function focusTargetOf(error: Element): HTMLElement | null {
  if (error.matches(FOCUSABLE_SELECTOR)) return error as HTMLElement;
  const field = error.closest('.mantine-InputWrapper-root')?.querySelector<HTMLElement>(FOCUSABLE_SELECTOR);
  if (field) return field;
  // The form's own error, a sentence with no field: read out and scrolled to, not typed in.
  const message = error as HTMLElement;
  if (!message.hasAttribute('tabindex')) message.tabIndex = -1;
  return message;
}

/**
 * Scrolls to the first error of a form and puts the cursor in its field, as soon as the errors are
 * drawn: on a phone the submit button sits below the fold of the fields it complains about, and a
 * button that "does nothing" is all the user would see. Errors drawn after a server answer are
 * found the same way, by what the page shows: aria-invalid or Mantine's error text, else an alert.
 */
export function focusFirstError(form: Element | null | undefined, framesLeft = 10): void {
  if (!form) return;
  requestAnimationFrame(() => {
    const error = form.querySelector(FIELD_ERROR_SELECTOR) ?? form.querySelector(FORM_ERROR_SELECTOR);
    if (!error) {
      if (framesLeft > 0) focusFirstError(form, framesLeft - 1);
      return;
    }
    const target = focusTargetOf(error);
    if (!target) return;
    target.scrollIntoView({ block: 'center', behavior: 'auto' });
    target.focus({ preventScroll: true });
  });
}

/**
 * For Mantine's `form.onSubmit(submit, focusFirstInvalidField)`: when the form's own checks fail,
 * the first field at fault is brought into view and focused.
 */
export function focusFirstInvalidField(_errors: unknown, _values: unknown, event: SyntheticEvent<HTMLFormElement> | undefined): void {
  focusFirstError(event?.target as Element | undefined);
}

/**
 * A Mantine form's submit handler that brings the first error into view and focus: the form's own
 * checks at once, the server's field errors once its answer is drawn.
 */
export function submitShowingFirstError<Values, Submitted>(form: { onSubmit: OnSubmit<Values, Submitted> }, submit: (values: Submitted) => unknown) {
  return form.onSubmit(async (values, event) => {
    const formElement = event?.target as Element | undefined;
    await submit(values);
    focusFirstError(formElement);
  }, focusFirstInvalidField);
}

/** The same for a form that keeps its values in React state and checks them in `submit`. */
export function submitShowingFirstErrorOf(submit: () => unknown) {
  return (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    void Promise.resolve(submit()).then(
      () => focusFirstError(formElement),
      () => focusFirstError(formElement),
    );
  };
}

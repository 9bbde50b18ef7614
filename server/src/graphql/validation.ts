import { validateOrReject, type ValidationError, type ValidatorOptions } from 'class-validator';
import { ArgumentValidationError, type ValidatorFn } from 'type-graphql';

// The options type-graphql gives class-validator by default, and every problem reported, not the first.
const OPTIONS: ValidatorOptions = { skipMissingProperties: true, forbidUnknownValues: false, stopAtFirstError: false };

const validated = (value: unknown): value is object => value !== null && typeof value === 'object';

/**
 * Checks an argument object (or list of them) against its class-validator rules, as type-graphql
 * does by default — but with class-validator imported once: type-graphql's own check imports it
 * again on every call, which the module loader answers through a message round trip.
 */
export const validateArguments: ValidatorFn = async (value) => {
  if (!validated(value)) return;
  try {
    if (Array.isArray(value)) await Promise.all(value.filter(validated).map((item) => validateOrReject(item, OPTIONS)));
    else await validateOrReject(value, OPTIONS);
  } catch (errors) {
    throw new ArgumentValidationError(errors as ValidationError[]);
  }
};


import { validateOrReject, type ValidationError, type ValidatorOptions } from 'class-validator';
import { ArgumentValidationError, type ValidatorFn } from 'type-graphql';
import { hasNul } from '../text.js';
import { badInput, type FieldProblem } from './errors.js';

// The options type-graphql gives class-validator by default, and every problem reported, not the first.
const OPTIONS: ValidatorOptions = { skipMissingProperties: true, forbidUnknownValues: false, stopAtFirstError: false };

const validated = (value: unknown): value is object => value !== null && typeof value === 'object';

/**
 * Checks an argument object (or list of them) against its class-validator rules, as type-graphql
 * does by default — but with class-validator imported once: type-graphql's own check imports it
 * again on every call, which the module loader answers through a message round trip. First, every
 * text argument of the field is checked for NUL.
 */
export const validateArguments: ValidatorFn = async (value, _type, resolverData) => {
  refuseNul(resolverData.args);
  if (!validated(value)) return;
  try {
    if (Array.isArray(value)) await Promise.all(value.filter(validated).map((item) => validateOrReject(item, OPTIONS)));
    else await validateOrReject(value, OPTIONS);
  } catch (errors) {
    throw new ArgumentValidationError(errors as ValidationError[]);
  }
};

const NUL_MESSAGE = 'must not contain the NUL character (U+0000)';

/**
 * PostgreSQL cannot store U+0000 in text, and no one types it: it is refused for every string
 * argument, named as class-validator names fields (inside an input object, its path from there;
 * a plain argument, by its name).
 */
function refuseNul(args: Record<string, unknown>): void {
  const problems: FieldProblem[] = [];
  const visit = (value: unknown, path: string): void => {
    if (typeof value === 'string') {
      if (hasNul(value)) problems.push({ field: path, message: NUL_MESSAGE });
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => visit(item, `${path}[${index}]`));
    } else if (validated(value)) {
      for (const [key, item] of Object.entries(value)) visit(item, path ? `${path}.${key}` : key);
    }
  };
  for (const [name, value] of Object.entries(args)) visit(value, validated(value) && !Array.isArray(value) ? '' : name);
  if (problems.length) throw badInput(problems);
}

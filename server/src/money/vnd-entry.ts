import { registerDecorator, type ValidationOptions } from 'class-validator';

/**
 * The most one recorded amount may be. A club's seed capital is tens of millions of đồng and a
 * province's whole scheme about two billion (Kiên Giang 2021–2025: 1.855.000.000 ₫), so a hundred
 * billion is far above anything real and still leaves every sum of entries exact for a long time.
 * It holds for a scheme's stated total too: one rule for every amount a person types.
 */
export const VND_ENTRY_CEILING = 100_000_000_000n;

/** The ceiling as Vietnamese documents write amounts. */
export const VND_ENTRY_CEILING_TEXT = '100.000.000.000 ₫';

export const VND_ENTRY_MESSAGE = `must be at most ${VND_ENTRY_CEILING_TEXT} per entry`;

export const IS_VND_ENTRY = 'isVndEntry';

/** An amount typed for one entry: no more than the ceiling (a missing optional amount passes). */
export function IsVndEntry(options: ValidationOptions = {}): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: IS_VND_ENTRY,
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: VND_ENTRY_MESSAGE, ...options },
      validator: {
        validate: (value: unknown) => value === null || value === undefined || (typeof value === 'bigint' && value <= VND_ENTRY_CEILING),
      },
    });
}

/** What a link passes to a print view so that it opens the browser's print dialog once the paper is drawn. */
export const PRINT_ON_OPEN = { printOnOpen: true } as const;

export function printAsked(state: unknown): boolean {
  return (state as Partial<typeof PRINT_ON_OPEN> | null)?.printOnOpen === true;
}

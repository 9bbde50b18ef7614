/**
 * What an area keeps on the phone and must clear on signing out, registered by that area when it
 * loads: the shell asks how much is still unsent (to warn) and clears it all before the session ends,
 * without importing any area's storage code.
 */
export interface SignOutStep {
  /** How many recorded changes have not reached the server. */
  unsent(): number;
  clear(): Promise<void>;
}

const steps = new Set<SignOutStep>();

export const signOutSteps = {
  add(step: SignOutStep): () => void {
    steps.add(step);
    return () => steps.delete(step);
  },
  unsent(): number {
    return [...steps].reduce((sum, step) => sum + step.unsent(), 0);
  },
  async clear(): Promise<void> {
    await Promise.all([...steps].map((step) => step.clear().catch(() => undefined)));
  },
};

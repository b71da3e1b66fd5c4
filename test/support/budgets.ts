/**
 * Model time budgets in tests. Where the stub answers, the budget is one no
 * answer can run out of, even on a busy machine; a short budget is used only
 * where the stub never answers, so that the deadline is the fault path and
 * always fires, whatever the load.
 */
export const ANSWERING_BUDGET_MS = 60_000;
export const HANGING_BUDGET_MS = 800;

/** The budget for a stub behaviour: short only for one that never answers. */
export const budgetFor = (behaviour: { kind: string }): number => (behaviour.kind === 'hang' ? HANGING_BUDGET_MS : ANSWERING_BUDGET_MS);

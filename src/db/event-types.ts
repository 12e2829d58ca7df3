/** The ledger table's event types (ledger-format.md): what an import writes and every engine's SQL reads. */
export const EVENT_TYPES = ['earn', 'deduct', 'redeem', 'expire', 'adjust', 'transfer'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

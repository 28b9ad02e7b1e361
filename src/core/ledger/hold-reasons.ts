/** Why escalation of a client is held (#12): a dispute, a promise to pay by a date, illness, an agreed pause, or the user's words. */
export const holdReasons = ['dispute', 'promise', 'illness', 'pause', 'other'] as const;
export type HoldReason = (typeof holdReasons)[number];

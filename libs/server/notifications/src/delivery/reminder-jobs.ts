/** The BullMQ job id of a reminder's delivery: deterministic, so enqueuing twice runs it once. */
export const deliveryJobId = (reminderId: string) => `reminder-${reminderId}`;

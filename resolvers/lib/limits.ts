/** Ranges and defaults of queue settings (design.md §4), shared by every resolver that checks them. */
export const QueueLimits = {
  nameMaxLength: 80,
  fifoSuffix: '.fifo',
  visibilityTimeoutSeconds: { min: 0, max: 43_200, default: 30 },
  messageRetentionSeconds: { min: 60, max: 1_209_600, default: 345_600 },
  delaySeconds: { min: 0, max: 900, default: 0 },
  maxMessageBytes: { min: 1, max: 262_144, default: 262_144 },
  deduplicationWindowSeconds: { min: 60, max: 86_400, default: 300 },
  maxReceiveCount: { min: 1, max: 1_000 },
  listLimit: { min: 1, max: 100, default: 50 },
} as const;

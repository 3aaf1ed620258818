/** S3 storage class that archival rules move objects to. */
export enum AwsArchiveStorageClass {
  /** S3 Glacier Instant Retrieval: millisecond reads, so endpoints can still load the objects. */
  GlacierInstantRetrieval = "GLACIER_IR",
  /** S3 Glacier Flexible Retrieval: restores take minutes to hours. */
  GlacierFlexibleRetrieval = "GLACIER",
  /** S3 Glacier Deep Archive: cheapest; restores take up to 48 hours. */
  DeepArchive = "DEEP_ARCHIVE",
  /** S3 Standard-Infrequent Access. */
  StandardInfrequentAccess = "STANDARD_IA",
  /** S3 Intelligent-Tiering. */
  IntelligentTiering = "INTELLIGENT_TIERING",
}

/** Predefined metric that target-tracking autoscaling of a SageMaker variant follows. */
export enum AwsScalingMetric {
  /** Average invocations per instance per minute. */
  InvocationsPerInstance = "SageMakerVariantInvocationsPerInstance",
  /** Concurrent requests per model copy, sampled every 10 seconds (faster scale-out). */
  ConcurrentRequestsPerModel = "SageMakerVariantConcurrentRequestsPerModelHighResolution",
}

/** How a blue/green deployment shifts traffic to the new fleet. */
export enum AwsTrafficRouting {
  /** All traffic at once, then a baking period watched by the rollback alarms. */
  AllAtOnce = "ALL_AT_ONCE",
  /** A canary share first, then the rest. */
  Canary = "CANARY",
  /** Equal steps until all traffic has moved. */
  Linear = "LINEAR",
}

/** Who approves a budget action before AWS runs it. */
export enum AwsBudgetApproval {
  /** An operator approves the action in the AWS Budgets console. */
  Manual = "MANUAL",
  /** AWS runs the action as soon as the threshold is crossed. */
  Automatic = "AUTOMATIC",
}

/** How often Cost Anomaly Detection e-mails a summary of anomalies. */
export enum AwsAnomalyFrequency {
  /** One e-mail a day. */
  Daily = "DAILY",
  /** One e-mail a week. */
  Weekly = "WEEKLY",
}

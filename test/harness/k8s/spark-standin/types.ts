// The slice of sparkoperator.k8s.io/v1beta2 SparkApplication the stand-in reads and writes
// (field names as in spark-operator v2.5.2 api/v1beta2/sparkapplication_types.go).
import type { V1EnvVar, V1ObjectMeta } from '@kubernetes/client-node';

export interface SparkPodSpec {
  image?: string;
  podName?: string; // driver only
  instances?: number; // executor only
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  serviceAccount?: string;
  env?: V1EnvVar[];
  cores?: number;
  memory?: string;
}

export interface SparkStatus {
  submissionID?: string;
  sparkApplicationId?: string;
  lastSubmissionAttemptTime?: string;
  terminationTime?: string;
  submissionAttempts?: number;
  executionAttempts?: number;
  driverInfo?: { podName?: string };
  applicationState?: { state: string; errorMessage?: string };
  executorState?: Record<string, string>;
}

export interface SparkApp {
  apiVersion?: string;
  kind?: string;
  metadata: V1ObjectMeta & { name: string; namespace: string; uid: string };
  spec?: {
    type?: string;
    mode?: string;
    sparkVersion?: string;
    image?: string;
    mainApplicationFile?: string;
    mainClass?: string;
    arguments?: string[];
    sparkConf?: Record<string, string>;
    driver?: SparkPodSpec;
    executor?: SparkPodSpec;
  };
  status?: SparkStatus;
}

/** The one behaviour profile KubeTasks renders: the provider the conformance suite pins (docs/FIDELITY.md). */
export const pinnedProviderVersion = '10.25.0';
/** The Airflow the suite installs with it; the default `airflow_version` label value. */
export const pinnedAirflowVersion = '3.3.2';

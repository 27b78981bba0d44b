"""Parameters given as plain dicts instead of models: env_vars as a dict, a raw security context, a dict affinity
and dict tolerations. The provider treats some of these differently from the model form."""
from airflow import DAG
from airflow.providers.cncf.kubernetes.operators.pod import KubernetesPodOperator

with DAG(dag_id="pod_security_dicts", schedule=None, catchup=False):
    hardened = KubernetesPodOperator(
        task_id="hardened",
        name="hardened",
        namespace="secure",
        image="gcr.io/distroless/static:nonroot",
        env_vars={"APP_ENV": "prod", "FEATURE_X": "on"},
        security_context={"runAsNonRoot": True, "runAsUser": 65532, "fsGroup": 65532},
        affinity={
            "nodeAffinity": {
                "requiredDuringSchedulingIgnoredDuringExecution": {
                    "nodeSelectorTerms": [{"matchExpressions": [{"key": "pool", "operator": "In", "values": ["secure"]}]}]
                }
            }
        },
        tolerations=[{"key": "secure", "operator": "Exists", "effect": "NoSchedule"}],
        service_account_name="hardened-sa",
        automount_service_account_token=False,
        termination_grace_period=30,
        active_deadline_seconds=3600,
    )

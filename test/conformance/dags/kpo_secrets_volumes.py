"""Provider docs, "How to use cluster ConfigMaps, Secrets, and Volumes with Pod?": the objects of
tests/system/cncf/kubernetes/example_kubernetes.py, passed to one pod task.

Two fixes to the docs' objects, both of which Python accepts silently but Kubernetes does not:
- the pod-affinity term's `values` is a list (`["S1"]`), not the string `"S1"`;
- `required_during_scheduling_ignored_during_execution` of a pod affinity takes `V1PodAffinityTerm`s (the docs
  wrap the term in a `V1WeightedPodAffinityTerm`, which belongs to the `preferred…` list).
"""
from airflow import DAG
from airflow.providers.cncf.kubernetes.operators.pod import KubernetesPodOperator
from airflow.providers.cncf.kubernetes.secret import Secret
from kubernetes.client import models as k8s

secret_file = Secret("volume", "/etc/sql_conn", "airflow-secrets", "sql_alchemy_conn")
secret_env = Secret("env", "SQL_CONN", "airflow-secrets", "sql_alchemy_conn")
secret_all_keys = Secret("env", None, "airflow-secrets-2")
volume_mount = k8s.V1VolumeMount(name="test-volume", mount_path="/root/mount_file", sub_path=None, read_only=True)
configmaps = [
    k8s.V1EnvFromSource(config_map_ref=k8s.V1ConfigMapEnvSource(name="test-configmap-1")),
    k8s.V1EnvFromSource(config_map_ref=k8s.V1ConfigMapEnvSource(name="test-configmap-2")),
]
volume = k8s.V1Volume(
    name="test-volume",
    persistent_volume_claim=k8s.V1PersistentVolumeClaimVolumeSource(claim_name="test-volume"),
)
port = k8s.V1ContainerPort(name="http", container_port=80)
init_container_volume_mounts = [
    k8s.V1VolumeMount(mount_path="/etc/foo", name="test-volume", sub_path=None, read_only=True)
]
init_environments = [k8s.V1EnvVar(name="key1", value="value1"), k8s.V1EnvVar(name="key2", value="value2")]
init_container = k8s.V1Container(
    name="init-container",
    image="ubuntu:16.04",
    env=init_environments,
    volume_mounts=init_container_volume_mounts,
    command=["bash", "-cx"],
    args=["echo 10"],
)
affinity = k8s.V1Affinity(
    node_affinity=k8s.V1NodeAffinity(
        preferred_during_scheduling_ignored_during_execution=[
            k8s.V1PreferredSchedulingTerm(
                weight=1,
                preference=k8s.V1NodeSelectorTerm(
                    match_expressions=[k8s.V1NodeSelectorRequirement(key="disktype", operator="In", values=["ssd"])]
                ),
            )
        ]
    ),
    pod_affinity=k8s.V1PodAffinity(
        required_during_scheduling_ignored_during_execution=[
            k8s.V1PodAffinityTerm(
                label_selector=k8s.V1LabelSelector(
                    match_expressions=[k8s.V1LabelSelectorRequirement(key="security", operator="In", values=["S1"])]
                ),
                topology_key="failure-domain.beta.kubernetes.io/zone",
            )
        ]
    ),
)
tolerations = [k8s.V1Toleration(key="key", operator="Equal", value="value")]

with DAG(dag_id="kpo_secrets_volumes", schedule=None, catchup=False):
    pod_with_everything = KubernetesPodOperator(
        task_id="task",
        name="airflow-test-pod",
        namespace="default",
        image="ubuntu:16.04",
        cmds=["bash", "-cx"],
        arguments=["echo", "10"],
        labels={"foo": "bar"},
        secrets=[secret_file, secret_env, secret_all_keys],
        ports=[port],
        volumes=[volume],
        volume_mounts=[volume_mount],
        env_from=configmaps,
        affinity=affinity,
        tolerations=tolerations,
        init_containers=[init_container],
        on_finish_action="delete_pod",
        hostnetwork=False,
        priority_class_name="medium",
    )

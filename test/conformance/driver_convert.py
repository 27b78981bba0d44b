"""Turn task-file values into the Python arguments a DAG author would write (docs/FIDELITY.md, "How task-file
values reach the judge").

- A Kubernetes object (a mapping, or a list of mappings) given to a parameter whose Python type is a
  `kubernetes.client` model becomes that model, through the same private deserialiser Airflow itself uses for
  templates (`ApiClient._ApiClient__deserialize_model`, see `PodGenerator.deserialize_model_dict`): camelCase keys,
  unknown keys dropped, client-side validation of required fields (a missing `name` raises as `k8s.V1Container()`
  would).
- `{"$dict": value}` (written `!dict value` in YAML task files) keeps the mapping a plain dict: the form for
  parameters the provider also accepts as dicts and treats differently (raw pass-through of `security_context`...).
- `secrets` items become `Secret(**item)` with `items` deserialised as `V1KeyToPath`.
- Everything else stays plain (str, int, bool, None, dict, list). A value of the wrong shape is passed as is, so the
  provider raises its own error.
"""

from __future__ import annotations

from typing import Any

from kubernetes import client as k8s
from kubernetes.client import ApiClient

from airflow.providers.cncf.kubernetes.secret import Secret

DICT_MARKER = "$dict"

# Parameter → model name, from the constructor signatures of KubernetesPodOperator (operators/pod.py) and
# KubernetesJobOperator (operators/job.py); subclasses (Kueue, Spark) inherit them. A list-typed parameter maps
# each item.
_MODEL_PARAMS: dict[str, str] = {
    "ports": "V1ContainerPort",
    "volume_mounts": "V1VolumeMount",
    "volumes": "V1Volume",
    "env_vars": "V1EnvVar",  # a mapping stays a dict: `env_vars: dict[str, str]` is its own documented form
    "env_from": "V1EnvFromSource",
    "container_resources": "V1ResourceRequirements",
    "affinity": "V1Affinity",
    "image_pull_secrets": "V1LocalObjectReference",  # a str stays a str (comma-split by the provider)
    "host_aliases": "V1HostAlias",
    "tolerations": "V1Toleration",
    "security_context": "V1PodSecurityContext",
    "container_security_context": "V1SecurityContext",
    "xcom_sidecar_container_security_context": "V1SecurityContext",
    "dns_config": "V1PodDNSConfig",
    "full_pod_spec": "V1Pod",
    "init_containers": "V1Container",
    "pod_runtime_info_envs": "V1EnvVar",
    "full_job_spec": "V1Job",
    "selector": "V1LabelSelector",
}

# Parameters whose scalar-or-mapping form is itself a documented plain form, so a top-level mapping stays a dict.
_MAPPING_STAYS_DICT = {"env_vars"}

_OPERATORS_WITH_POD_PARAMS = {
    "KubernetesPodOperator",
    "KubernetesJobOperator",
    "KubernetesStartKueueJobOperator",
    "SparkKubernetesOperator",
}

_api = ApiClient()


def _deserialize(data: Any, model: str) -> Any:
    return _api._ApiClient__deserialize_model(data, getattr(k8s, model))


def _unwrap_dicts(value: Any) -> Any:
    """Remove `$dict` markers anywhere below a plain value (they only mean something at parameter level)."""
    if isinstance(value, dict):
        if set(value) == {DICT_MARKER}:
            return _unwrap_dicts(value[DICT_MARKER])
        return {k: _unwrap_dicts(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_unwrap_dicts(v) for v in value]
    return value


def _is_marked_dict(value: Any) -> bool:
    return isinstance(value, dict) and set(value) == {DICT_MARKER}


def _to_model(value: Any, model: str, *, mapping_stays_dict: bool) -> Any:
    if _is_marked_dict(value):
        return _unwrap_dicts(value[DICT_MARKER])
    if isinstance(value, list):
        return [_item_to_model(item, model) for item in value]
    if isinstance(value, dict) and not mapping_stays_dict:
        return _deserialize(_unwrap_dicts(value), model)
    return _unwrap_dicts(value)


def _item_to_model(item: Any, model: str) -> Any:
    if _is_marked_dict(item):
        return _unwrap_dicts(item[DICT_MARKER])
    if isinstance(item, dict):
        return _deserialize(_unwrap_dicts(item), model)
    return item


def _to_secret(item: Any) -> Any:
    if not isinstance(item, dict):
        return item
    args = dict(item)
    if isinstance(args.get("items"), list):
        args["items"] = [_item_to_model(i, "V1KeyToPath") for i in args["items"]]
    return Secret(**args)


def to_python_kwargs(operator: str, kwargs: dict[str, Any]) -> dict[str, Any]:
    """Map one task's kwargs (or the file's shared keys, given as default_args) to Python arguments."""
    out: dict[str, Any] = {}
    pod_params = operator in _OPERATORS_WITH_POD_PARAMS
    for name, value in kwargs.items():
        if pod_params and name == "secrets" and isinstance(value, list):
            out[name] = [_to_secret(item) for item in value]
        elif pod_params and name in _MODEL_PARAMS and value is not None:
            out[name] = _to_model(value, _MODEL_PARAMS[name], mapping_stays_dict=name in _MAPPING_STAYS_DICT)
        else:
            out[name] = _unwrap_dicts(value)
    return out

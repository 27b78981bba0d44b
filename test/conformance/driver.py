"""Conformance judge: render task-file cases with the real apache-airflow-providers-cncf-kubernetes (issue 3).

One process for all cases. stdin: a JSON list of cases
  {id, file, task_id, operator, kwargs, default_args?, context?}
(template paths resolved by the runner; default_args holds the file's shared keys, and the operator takes those its
signature names, as Airflow applies default_args).
stdout: one JSON document {"provider": ..., "airflow": ..., "results": [...]}, one result per case:
  api      what `execute(context)` sends: {ok, value:{method, path, query, body, contentType}, suffixes, uuids}
           or {ok: false, error:{type, message}}. For KPO/KJO/Kueue/SKO `value.body` is the created object.
  dry_run  KPO/KJO/Kueue/SKO: `dry_run()` stdout {ok, text, suffixes, uuids} or the error.
  dry_run_body  SKO only: `prune_dict(launcher.body)` as JSON (Airflow prints its Python repr).
A case whose input the harness itself cannot interpret reports {"harness_error": "..."}; the runner fails it.

Run with AIRFLOW_HOME set to a temp dir (the runner does): nothing is written to ~/airflow and no DB is needed.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
import tempfile
import traceback
import warnings
from types import SimpleNamespace
from typing import Any

_DUMMY_KUBECONFIG = """apiVersion: v1
kind: Config
clusters: [{name: judge, cluster: {server: "https://127.0.0.1:9"}}]
users: [{name: judge, user: {token: judge}}]
contexts: [{name: judge, context: {cluster: judge, user: judge}}]
current-context: judge
"""


def _prepare_environment() -> None:
    """The hook builds an API client for `airflow_kpo_in_cluster` and for the clients execute() uses; a dummy
    kubeconfig (never contacted: the transport is captured) makes that deterministic and offline. The default
    connection is defined empty, which is what the hook falls back to when `kubernetes_default` is missing."""
    home = os.environ.setdefault("AIRFLOW_HOME", tempfile.mkdtemp(prefix="kubetasks-airflow-"))
    kubeconfig = os.path.join(home, "judge-kubeconfig.yaml")
    with open(kubeconfig, "w") as stream:
        stream.write(_DUMMY_KUBECONFIG)
    os.environ["KUBECONFIG"] = kubeconfig
    os.environ.setdefault("AIRFLOW_CONN_KUBERNETES_DEFAULT", json.dumps({"conn_type": "kubernetes"}))
    os.environ.setdefault("AIRFLOW__CORE__LOAD_EXAMPLES", "False")
    # Task logs would otherwise be printed to stdout and mix with what dry_run() prints.
    os.environ["AIRFLOW__LOGGING__LOGGING_LEVEL"] = "CRITICAL"
    warnings.simplefilter("ignore")


_prepare_environment()
# Airflow and the kubernetes client may log or print while importing and running; only the final JSON document
# may reach the runner's stdout, so everything else is sent to stderr.
_RESULT_STREAM = sys.stdout
sys.stdout = sys.stderr

import airflow  # noqa: E402
from airflow.providers.cncf.kubernetes import __version__ as provider_version  # noqa: E402
from airflow.providers.cncf.kubernetes.operators.job import (  # noqa: E402
    KubernetesDeleteJobOperator,
    KubernetesJobOperator,
    KubernetesPatchJobOperator,
)
from airflow.providers.cncf.kubernetes.operators.kueue import (  # noqa: E402
    KubernetesInstallKueueOperator,
    KubernetesStartKueueJobOperator,
)
from airflow.providers.cncf.kubernetes.operators.pod import KubernetesPodOperator  # noqa: E402
from airflow.providers.cncf.kubernetes.operators.spark_kubernetes import SparkKubernetesOperator  # noqa: E402
from airflow.utils.helpers import prune_dict  # noqa: E402
from kubernetes.client import ApiClient  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from driver_capture import Captured, InClusterStandIn, Randomness, Recorder  # noqa: E402
from driver_convert import to_python_kwargs  # noqa: E402

OPERATORS: dict[str, type] = {
    cls.__name__: cls
    for cls in (
        KubernetesPodOperator,
        KubernetesJobOperator,
        KubernetesStartKueueJobOperator,
        SparkKubernetesOperator,
        KubernetesDeleteJobOperator,
        KubernetesPatchJobOperator,
        KubernetesInstallKueueOperator,
    )
}
HAS_DRY_RUN = {
    "KubernetesPodOperator",
    "KubernetesJobOperator",
    "KubernetesStartKueueJobOperator",
    "SparkKubernetesOperator",
}

_api = ApiClient()


def _error(exc: BaseException) -> dict[str, Any]:
    return {"ok": False, "error": {"type": type(exc).__name__, "message": str(exc)}}


def _make_context(task_id: str, raw: dict[str, Any] | None) -> dict[str, Any]:
    """The parts of Airflow's task context that build_pod_request_obj / _get_ti_pod_labels read."""
    if raw is None:
        # An empty context is falsy, so the provider adds no task labels (as with None), while the code paths that
        # call `context.get(...)` (KPO's task-state-store lookup on Airflow 3.3) still work.
        return {}
    ti = SimpleNamespace(
        dag_id=raw["dag_id"],
        task_id=task_id,
        run_id=raw["run_id"],
        try_number=raw.get("try_number", 1),
        map_index=raw.get("map_index", -1),
        xcom_push=lambda **_: None,
    )
    dag = SimpleNamespace(dag_id=raw["dag_id"], parent_dag=None)
    return {"ti": ti, "task_instance": ti, "run_id": raw["run_id"], "dag": dag}


def _construct(case: dict[str, Any]):
    cls = OPERATORS[case["operator"]]
    kwargs = to_python_kwargs(case["operator"], case["kwargs"])
    if case.get("default_args"):
        kwargs["default_args"] = to_python_kwargs(case["operator"], case["default_args"])
    return cls(task_id=case["task_id"], **kwargs)


def _run_api(case: dict[str, Any], seed: str) -> dict[str, Any]:
    """Run the real execute() until its first mutating API call and record that call."""
    randomness = Randomness(seed)
    recorder = Recorder()
    try:
        with randomness.patched(), recorder.patched(), InClusterStandIn().patched():
            op = _construct(case)
            context = _make_context(case["task_id"], case.get("context"))
            try:
                op.execute(context)
            except Captured:
                pass
    except Captured:
        pass
    except Exception as exc:  # noqa: BLE001 - any provider exception is a result to compare
        if recorder.call is None:
            return _error(exc)
    if recorder.call is None:
        return {"ok": False, "error": {"type": "NoApiCall", "message": "execute() made no API call"}}
    return {"ok": True, "value": recorder.call, "suffixes": randomness.suffixes, "uuids": randomness.uuids}


def _run_dry_run(case: dict[str, Any], seed: str) -> tuple[dict[str, Any], Any]:
    """`dry_run()` on a fresh instance (build_pod_request_obj mutates the operator), stdout captured."""
    randomness = Randomness(seed)
    recorder = Recorder()
    out = io.StringIO()
    body = None
    try:
        with randomness.patched(), recorder.patched(), InClusterStandIn().patched(), contextlib.redirect_stdout(out):
            op = _construct(case)
            op.dry_run()
            if isinstance(op, SparkKubernetesOperator):
                body = _api.sanitize_for_serialization(prune_dict(op.launcher.body, mode="strict"))
    except Captured:
        return {"ok": False, "error": {"type": "NoApiCall", "message": "dry_run() tried to call the API"}}, None
    except Exception as exc:  # noqa: BLE001
        return _error(exc), None
    result = {"ok": True, "text": out.getvalue(), "suffixes": randomness.suffixes, "uuids": randomness.uuids}
    return result, body


def judge(case: dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = {"id": case.get("id"), "operator": case.get("operator")}
    if case.get("operator") not in OPERATORS:
        result["harness_error"] = f"unknown operator {case.get('operator')!r}"
        return result
    ctx = case.get("context")
    if ctx is not None and not (isinstance(ctx, dict) and "dag_id" in ctx and "run_id" in ctx):
        result["harness_error"] = "context: needs at least dag_id and run_id"
        return result
    # KUBETASKS_JUDGE_SEED lets run.ts --self-check draw different random parts and prove the masking.
    seed = f"{os.environ.get('KUBETASKS_JUDGE_SEED', '')}{case.get('file')}#{case.get('task_id')}"
    result["api"] = _run_api(case, seed + "#api")
    if case["operator"] in HAS_DRY_RUN:
        result["dry_run"], body = _run_dry_run(case, seed + "#dry_run")
        if body is not None:
            result["dry_run_body"] = body
    return result


def main() -> int:
    cases = json.load(sys.stdin)
    results = []
    for case in cases:
        try:
            results.append(judge(case))
        except BaseException:  # noqa: BLE001 - one broken case must not hide the others
            results.append({"id": case.get("id"), "harness_error": traceback.format_exc()})
    payload = {"provider": provider_version, "airflow": airflow.__version__, "results": results}
    _RESULT_STREAM.write(json.dumps(payload, default=str) + "\n")
    _RESULT_STREAM.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())

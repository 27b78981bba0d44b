"""DAG conformance judge (issue 6): import DAG files with the real Airflow and render their Kubernetes tasks with the
provider's own code.

stdin: {"files": [absolute paths of DAG files], "attribute_map": path of src/dags/k8s-attribute-map.json | null,
        "time_import": path of one DAG file to time | null, "repeat": int}
stdout: one JSON document:
  {"airflow", "provider", "kubernetes",
   "files": {path: {"import_errors": {...}, "tasks": [{dag_id, task_id, operator, kubernetes, upstream, downstream}],
                    "results": [driver.judge(...) result per Kubernetes task, in the order of "tasks"]}},
   "attribute_map": {"checked": N, "mismatches": [...]},
   "import_ms": [DagBag import times of `time_import`]}

Each file is imported with its own DagBag (the way the scheduler's DAG processor parses one file), from its folder
as the working directory, so relative `application_file` paths resolve as they do for the renderer. The operators
come from the DagBag, not from our extraction: the driver's `_construct` is pointed at a deep copy of the DagBag's
instance, so execute() and dry_run() run on exactly what Airflow built from the Python file. XComArg values (which
Airflow resolves only when the task runs) are replaced by the equivalent Jinja string, which KubeTasks renders for
an XComArg as well (src/dags/to-task-spec.ts, `toXComJinja`).
"""

from __future__ import annotations

import copy
import inspect
import json
import os
import sys
import time
from typing import Any

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import driver  # noqa: E402 - sets up AIRFLOW_HOME, the dummy kubeconfig and the stdout redirection first

from airflow.dag_processing.dagbag import DagBag  # noqa: E402
from airflow.sdk.definitions.xcom_arg import PlainXComArg, XComArg  # noqa: E402

import kubernetes  # noqa: E402
import kubernetes.client as k8s_client  # noqa: E402


def _pretend_in_cluster() -> None:
    """DAGs written for a cluster say `in_cluster=True`; the judge runs outside one, where the hook's
    `load_incluster_config` raises before anything is built. Give it the service-account files and the service
    address it looks for (kubernetes/config/incluster_config.py), in the throwaway AIRFLOW_HOME. Nothing is contacted:
    the transport is captured. Airflow then runs as a worker inside the cluster does, so a hook without in_cluster
    reports `airflow_kpo_in_cluster: "True"` too; the suite renders ours with `--in-cluster` (run-dags.ts)."""
    from kubernetes.config import incluster_config

    home = os.environ["AIRFLOW_HOME"]
    for name, text in (("token", "judge-token"), ("ca.crt", "judge-ca")):
        with open(os.path.join(home, name), "w") as stream:
            stream.write(text)
    incluster_config.SERVICE_TOKEN_FILENAME = os.path.join(home, "token")
    incluster_config.SERVICE_CERT_FILENAME = os.path.join(home, "ca.crt")
    os.environ.setdefault("KUBERNETES_SERVICE_HOST", "127.0.0.1")
    os.environ.setdefault("KUBERNETES_SERVICE_PORT", "9")


_pretend_in_cluster()


def xcom_jinja(task_id: str, key: str) -> str:
    """Must stay identical to `toXComJinja` in src/dags/to-task-spec.ts."""
    return "{{ task_instance.xcom_pull(task_ids='%s', key='%s') }}" % (task_id, key)


def _replace_xcom(value: Any) -> Any:
    if isinstance(value, PlainXComArg):
        return xcom_jinja(value.operator.task_id, value.key)
    if isinstance(value, XComArg):
        return value  # mapped/zipped XComArgs have no single Jinja equivalent; left for the judge to see
    if isinstance(value, list):
        return [_replace_xcom(v) for v in value]
    if isinstance(value, tuple):
        return tuple(_replace_xcom(v) for v in value)
    if isinstance(value, dict):
        return {k: _replace_xcom(v) for k, v in value.items()}
    return value


def _operator_name(op: Any) -> str | None:
    """The provider class the task is (or derives from), as the driver names them. A mapped task
    (`.partial().expand()`) is a MappedOperator whose `operator_class` is the operator."""
    cls_of = getattr(op, "operator_class", None) if type(op).__name__ == "MappedOperator" else type(op)
    for cls in getattr(cls_of, "__mro__", ()):
        if cls.__name__ in driver.OPERATORS and cls is driver.OPERATORS[cls.__name__]:
            return cls.__name__
    return None


def _load(path: str) -> DagBag:
    cwd = os.getcwd()
    os.chdir(os.path.dirname(path))
    try:
        return DagBag(dag_folder=path, safe_mode=False)
    finally:
        os.chdir(cwd)


def _judge_file(path: str, constructed: dict[str, Any]) -> dict[str, Any]:
    bag = _load(path)
    tasks: list[dict[str, Any]] = []
    results: list[dict[str, Any]] = []
    for dag_id in sorted(bag.dags):
        dag = bag.dags[dag_id]
        for task in dag.tasks:
            name = _operator_name(task)
            mapped = type(task).__name__ == "MappedOperator"
            tasks.append({
                "dag_id": dag_id,
                "task_id": task.task_id,
                "operator": name or type(task).__name__,
                "kubernetes": name is not None,
                "mapped": mapped,
                "upstream": sorted(task.upstream_task_ids),
                "downstream": sorted(task.downstream_task_ids),
            })
            if name is None or mapped:
                continue  # a mapped task's arguments exist only per map index, when the DAG runs
            op = copy.deepcopy(task)
            for attr, value in list(vars(op).items()):
                replaced = _replace_xcom(value)
                if replaced is not value:
                    setattr(op, attr, replaced)
            case_id = f"{path}#{dag_id}#{task.task_id}"
            constructed[case_id] = op
            cwd = os.getcwd()
            os.chdir(os.path.dirname(path))
            try:
                results.append(driver.judge({"id": case_id, "file": path, "task_id": task.task_id, "operator": name}))
            finally:
                os.chdir(cwd)
    errors = {k: str(v) for k, v in bag.import_errors.items()}
    return {"import_errors": errors, "tasks": tasks, "results": results}


def _check_attribute_map(path: str) -> dict[str, Any]:
    """The generated map must equal each model's attribute_map and __init__ order in the installed client."""
    with open(path) as stream:
        models = json.load(stream)["models"]
    mismatches = []
    for name, info in models.items():
        cls = getattr(k8s_client, name, None)
        if cls is None:
            mismatches.append(f"{name}: not in kubernetes.client")
            continue
        params = [p for p in inspect.signature(cls.__init__).parameters if p not in ("self", "local_vars_configuration")]
        fields = [python for python, _ in info["fields"]]
        if dict(map(tuple, info["fields"])) != cls.attribute_map or params != fields:
            mismatches.append(f"{name}: attribute map or __init__ order differs")
    return {"checked": len(models), "mismatches": mismatches}


def _time_import(path: str, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        bag = _load(path)
        times.append((time.perf_counter() - started) * 1000)
        if bag.import_errors:
            raise RuntimeError(f"{path} does not import: {bag.import_errors}")
    return times


def main() -> int:
    request = json.load(sys.stdin)
    constructed: dict[str, Any] = {}
    # The driver builds each operator from a task-file case; here it gets the DagBag's own instance instead.
    driver._construct = lambda case: copy.deepcopy(constructed[case["id"]])
    payload: dict[str, Any] = {
        "airflow": driver.airflow.__version__,
        "provider": driver.provider_version,
        "kubernetes": kubernetes.__version__,
        "files": {path: _judge_file(path, constructed) for path in request.get("files", [])},
    }
    if request.get("attribute_map"):
        payload["attribute_map"] = _check_attribute_map(request["attribute_map"])
    if request.get("time_import"):
        payload["import_ms"] = _time_import(request["time_import"], int(request.get("repeat", 3)))
    driver._RESULT_STREAM.write(json.dumps(payload, default=str) + "\n")
    driver._RESULT_STREAM.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Launch judge: run the real KubernetesPodOperator.execute (provider 10.25.0) against a scripted pod timeline.

stdin: a JSON list of cases {id, kwargs, context, timeline: [{at, pod}], limit, existing, xcom, cancelAt}.
`cancelAt`: the first pod read from then on calls `on_kill()` and raises, as the task runner does to a killed task. `pod` is a V1Pod in API (camelCase)
form; a read at clock time t answers the last timeline pod with at <= t. The clock is fake: every sleep of
utils/pod_manager.py (time.sleep, asyncio.sleep) advances it, so no case waits. The operator's CoreV1Api is a
stand-in that records create, patch and delete calls and answers reads from the timeline; lists (find_pod) answer
nothing before the create and the current pod after it.
stdout: {"results": [{id, calls: [[verb, detail]], outcome: {type, message, context}}]} where `type` is "success" or
the exception class, and `context` the message of the exception it was raised while handling (cleanup raising in
execute_sync's `finally`).
"""

from __future__ import annotations

import json
import sys
import traceback
from types import SimpleNamespace
from typing import Any

import driver  # noqa: F401 - sets the offline environment (dummy kubeconfig, empty connection) and stdout guard
from airflow.providers.cncf.kubernetes.operators.pod import KubernetesPodOperator
from airflow.providers.cncf.kubernetes.utils import pod_manager as pm
from kubernetes.client import ApiClient, V1PodList

_api = ApiClient()


class Clock:
    def __init__(self, limit: float) -> None:
        self.now = 0.0
        self.limit = limit
        self.exceeded = False

    def sleep(self, seconds: float) -> None:
        self.now += seconds
        if self.now > self.limit:
            self.exceeded = True
            raise TimeoutError(f"judge: the case ran past {self.limit}s of fake time")

    async def async_sleep(self, seconds: float) -> None:
        self.sleep(seconds)


class TaskCancelled(BaseException):
    """What the task runner raises in `execute` after calling `on_kill` (the task was killed)."""


class FakeClient:
    """The CoreV1Api calls execute_sync makes, answered from the timeline."""

    api_client = _api
    connect_get_namespaced_pod_exec = None  # only passed to kubernetes_stream, which FakeExec replaces

    def __init__(self, timeline: list[dict[str, Any]], clock: Clock, existing: bool) -> None:
        self.timeline = timeline
        self.clock = clock
        self.calls: list[list[Any]] = []
        # `existing`: the run already has this pod (a retry or `--run-id`), so the reattach lookup finds it.
        self.created = existing
        self.cancel_at: float | None = None
        self.on_kill = None

    def _pod(self):
        current = json.loads(json.dumps([entry["pod"] for entry in self.timeline if entry["at"] <= self.clock.now][-1]))
        # Fields the client models require and no rule reads.
        for container in [*(current.get("spec", {}).get("containers") or []), *(current.get("spec", {}).get("initContainers") or [])]:
            container.setdefault("image", "judge")
        status = current.get("status", {})
        for item in [*(status.get("containerStatuses") or []), *(status.get("initContainerStatuses") or [])]:
            for key, value in (("image", "judge"), ("imageID", ""), ("ready", False), ("restartCount", 0)):
                item.setdefault(key, value)
        return _api._ApiClient__deserialize(current, "V1Pod")

    def create_namespaced_pod(self, body, namespace, **_):
        self.calls.append(["create", None])
        self.created = True
        return self._pod()

    def list_namespaced_pod(self, namespace, label_selector=None, **_):
        return V1PodList(items=[self._pod()] if self.created else [])

    def read_namespaced_pod(self, name, namespace, **_):
        if self.cancel_at is not None and self.clock.now >= self.cancel_at and self.on_kill:
            kill, self.on_kill = self.on_kill, None
            kill()
            raise TaskCancelled("killed")
        return self._pod()

    def patch_namespaced_pod(self, name, namespace, body, **_):
        self.calls.append(["patch", body["metadata"]["labels"]])

    def delete_namespaced_pod(self, name, namespace, body=None, grace_period_seconds=None, **_):
        self.calls.append(["delete", grace_period_seconds])

    def list_namespaced_event(self, *args, **kwargs):
        return SimpleNamespace(items=[], metadata=None)


class FakeExec:
    """`kubernetes.stream.stream` for the XCom read and the sidecar kill: answers from the case's `xcom` entry."""

    def __init__(self, case: dict[str, Any], calls: list[list[Any]], command: list[str]) -> None:
        self.case = case
        self.calls = calls
        self.open = True
        xcom = case.get("xcom") or {}
        self.out = ""
        self.err = ""
        self.all_err = ""
        if command[:2] == ["/bin/sh", "-c"]:
            calls.append(["exec", "read"])
            self.out, self.err = xcom.get("stdout", ""), xcom.get("stderr", "")
            self.all_err = self.err

    def run_forever(self, timeout=None) -> None:
        pass

    def update(self, timeout=None) -> None:
        pass

    def is_open(self) -> bool:
        return self.open

    def peek_stdout(self, timeout=0) -> bool:
        return False

    def read_stdout(self, timeout=None) -> str:
        return ""

    def peek_stderr(self, timeout=0) -> bool:
        return bool(self.err)

    def read_stderr(self, timeout=None) -> str:
        err, self.err = self.err, ""
        return err

    def read_all(self) -> str:
        return self.out + self.all_err

    def write_stdin(self, data: str) -> None:
        kind = "kill" if data.startswith("kill") else "kill-fallback"
        self.calls.append(["exec", kind])
        self.err = (self.case.get("xcom") or {}).get(f"{kind}_stderr", "")
        if not self.err:
            self.open = False  # the shell got the SIGINT too and the stream closed

    def close(self) -> None:
        self.open = False


def judge(case: dict[str, Any]) -> dict[str, Any]:
    clock = Clock(case.get("limit", 3600))
    client = FakeClient(case["timeline"], clock, case.get("existing", False))
    pm.time = SimpleNamespace(time=lambda: clock.now, sleep=clock.sleep)
    pm.asyncio = SimpleNamespace(sleep=clock.async_sleep)
    pm.kubernetes_stream = lambda _fn, _name, _ns, **kw: FakeExec(case, client.calls, kw["command"])
    op = KubernetesPodOperator(task_id="t", log_events_on_startup=False, log_pod_spec_on_failure=False, **case["kwargs"])
    op.__dict__["client"] = client
    client.cancel_at = case.get("cancelAt")
    client.on_kill = op.on_kill
    op.__dict__["pod_manager"] = pm.PodManager(kube_client=client)
    context = driver._make_context("t", case["context"])
    context["ti"].xcom_push = lambda *args, **kwargs: None  # cleanup pushes the XCom positionally on failure
    outcome: dict[str, Any] = {"type": "success", "message": "", "context": None, "xcom": None}
    try:
        outcome["xcom"] = op.execute(context)
    except BaseException as exc:  # noqa: BLE001 - the exception is the outcome being judged
        inner = exc.__context__
        outcome = {"type": type(exc).__name__, "message": str(exc), "context": str(inner) if inner else None, "xcom": None}
        outcome["context_type"] = type(inner).__name__ if inner else None
    if clock.exceeded:
        raise RuntimeError(f"the case ran past {clock.limit}s of fake time")
    # get_or_create_pod returns the request object: Airflow's messages name the pod it built.
    return {"id": case["id"], "calls": client.calls, "outcome": outcome, "pod_name": op.pod.metadata.name if op.pod else None}


def _json_safe(value: Any) -> Any:
    """NaN and Infinity, which json.loads accepts, have no JSON form: they are reported as null (as ours are)."""
    if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
        return None
    if isinstance(value, dict):
        return {k: _json_safe(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json_safe(v) for v in value]
    return value


def main() -> int:
    results = []
    for case in json.load(sys.stdin):
        try:
            results.append(judge(case))
        except BaseException:  # noqa: BLE001 - one broken case must not hide the others
            results.append({"id": case.get("id"), "harness_error": traceback.format_exc()})
    driver._RESULT_STREAM.write(json.dumps(_json_safe({"results": results}), default=str) + "\n")
    driver._RESULT_STREAM.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())

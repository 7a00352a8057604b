"""Issue 13: the README's Dask path for the benchmark, on a local dask.distributed cluster."""

import pytest

distributed = pytest.importorskip("distributed")

import joblib  # noqa: E402

from progsearch.bench import load_benchmark, run_benchmark  # noqa: E402

SOLVERS = ["lookup", "sympy_rec", "ridge"]  # deterministic: the counts cannot depend on load


def _counts(result) -> dict:
    keys = ("solved", "made", "false")
    return {name: {k: row[k] for k in keys} for name, row in result.summary().items()}


@pytest.mark.filterwarnings("ignore::DeprecationWarning", "ignore::ResourceWarning",
                            "ignore::pytest.PytestUnraisableExceptionWarning")
def test_the_dask_path_gives_the_local_counts():
    entries = load_benchmark(limit=6)
    local = run_benchmark(entries, SOLVERS, progress=False)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        with joblib.parallel_config(backend="dask"), distributed.get_task_stream(client) as ts:
            remote = run_benchmark(entries, SOLVERS, jobs=None, progress=False)
    assert len(ts.data) >= 1  # the work ran on the cluster's workers
    assert [r.id for r in remote.rows] == [r.id for r in local.rows]
    assert _counts(remote) == _counts(local)
    assert [r.prediction for r in remote.rows] == [r.prediction for r in local.rows]

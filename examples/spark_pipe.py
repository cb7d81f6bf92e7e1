#!/usr/bin/env python3
"""Lint a JSONL corpus with newslint inside Apache Spark.

Each Spark partition streams its records, one JSON line each, through one
`newslint filter` process (`rdd.pipe`), which answers with exactly one verdict
line per record, in order. Spark only moves lines; newslint does the linting,
so this scales to as many executors as the cluster has, each running the same
binary. Here Spark runs in local mode, which needs nothing but Java 17+.

    python examples/spark_pipe.py corpus.jsonl --out verdicts.jsonl
    # {"id": "doc-1", "pass": false, "rules": ["site-chrome"]}

On a cluster, ship the binary with `--files newslint` (or install it on the
workers) and pass `--newslint ./newslint`.
"""
import argparse
import json
import shlex
import sys

from pyspark.sql import SparkSession


def verdict(line):
    """The compact per-record verdict kept by the driver."""
    v = json.loads(line)
    return {"id": v["id"], "pass": v["pass"], "rules": sorted({d["rule"] for d in v["diagnostics"]})}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("input", help="JSONL file or directory (Hadoop path syntax)")
    ap.add_argument("--out", help="write one verdict per record here (default: standard output)")
    ap.add_argument("--newslint", default="newslint", help="the newslint binary on the workers")
    ap.add_argument("--partitions", type=int, default=4)
    ap.add_argument("--master", default="local[2]")
    ap.add_argument("--fail-on", default="warning", help="passed to newslint filter")
    a = ap.parse_args(argv)

    spark = (
        SparkSession.builder.master(a.master)
        .appName("newslint")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    records = spark.sparkContext.textFile(a.input, minPartitions=a.partitions)
    # rdd.pipe takes a shell-like command string. One newslint process per partition; one thread each, Spark runs the partitions in parallel.
    command = [a.newslint, "filter", "--isolated", "--threads", "1", "--fail-on", a.fail_on]
    verdicts = records.filter(lambda line: line.strip()).pipe(shlex.join(command)).map(verdict).collect()
    spark.stop()

    out = open(a.out, "w", encoding="utf-8") if a.out else sys.stdout
    for v in verdicts:
        out.write(json.dumps(v) + "\n")
    failed = sum(not v["pass"] for v in verdicts)
    print(f"spark: {len(verdicts)} records, {failed} failed", file=sys.stderr)


if __name__ == "__main__":
    main()

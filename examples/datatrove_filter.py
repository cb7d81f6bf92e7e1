#!/usr/bin/env python3
"""A Hugging Face datatrove pipeline step that drops documents newslint fails.

`NewslintFilter` is an ordinary datatrove filter. It lints documents in
batches: each batch goes to one `newslint filter` process as JSONL and comes
back as one verdict per document, in order, so the per-process start-up cost
is paid once per batch rather than once per document. Failing documents go to
the filter's exclusion writer with the rules that fired as the reason; passing
ones continue down the pipeline.

    python examples/datatrove_filter.py in_dir/ kept/ excluded/
"""
import argparse
import json
import subprocess

from datatrove.data import Document
from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.filters.base_filter import BaseFilter
from datatrove.pipeline.readers import JsonlReader
from datatrove.pipeline.writers import JsonlWriter


class NewslintFilter(BaseFilter):
    """Keeps the documents `newslint filter` passes."""

    name = "📰 newslint"

    def __init__(self, newslint="newslint", fail_on="warning", batch_size=256, exclusion_writer=None):
        super().__init__(exclusion_writer=exclusion_writer, batch_size=batch_size)
        self.command = [newslint, "filter", "--isolated", "--fail-on", fail_on]

    def filter(self, doc: Document):
        return self.filter_batch([doc])[0]

    def filter_batch(self, batch: list[Document]):
        lines = "".join(json.dumps({"id": d.id, "text": d.text}, ensure_ascii=False) + "\n" for d in batch)
        run = subprocess.run(self.command, input=lines.encode("utf-8"), capture_output=True, check=True)
        verdicts = [json.loads(line) for line in run.stdout.decode("utf-8").splitlines()]
        if len(verdicts) != len(batch) or any(v["id"] != d.id for v, d in zip(verdicts, batch)):
            raise RuntimeError("newslint filter did not answer one verdict per document, in order")
        results = []
        for v in verdicts:
            rules = sorted({d["rule"] for d in v["diagnostics"]})
            results.append(True if v["pass"] else (False, "newslint:" + ",".join(rules)))
        return results


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("input", help="folder of JSONL shards with `id` and `text`")
    ap.add_argument("kept", help="output folder for passing documents")
    ap.add_argument("excluded", help="output folder for failing documents")
    ap.add_argument("--newslint", default="newslint")
    ap.add_argument("--tasks", type=int, default=1)
    ap.add_argument("--batch-size", type=int, default=256)
    ap.add_argument("--logs", default=None, help="datatrove logging folder")
    a = ap.parse_args(argv)
    executor = LocalPipelineExecutor(
        pipeline=[
            JsonlReader(a.input, glob_pattern="*.jsonl"),
            NewslintFilter(
                newslint=a.newslint,
                batch_size=a.batch_size,
                exclusion_writer=JsonlWriter(a.excluded, compression=None),
            ),
            JsonlWriter(a.kept, compression=None),
        ],
        tasks=a.tasks,
        logging_dir=a.logs,
        skip_completed=False,
    )
    executor.run()


if __name__ == "__main__":
    main()

"""The Parquet export schema, shared by the Spark and Ray jobs.

It is the schema of ``newsdesk export parquet`` (crate ``newsdesk-export``): the test
suite checks that the three outputs have identical Parquet schemas. ``SCHEMA`` is a
small engine-neutral description; ``arrow_schema()`` and ``newsdesk.spark.spark_schema()``
turn it into pyarrow and Spark types.
"""

from typing import Any, List, Tuple

# A type is "string", "int64", ("list", TYPE) or ("struct", [(NAME, TYPE), ...]).
# Every field and list item is nullable; list items are named "element" (as Spark writes).
_STRINGS = ("list", "string")

SCHEMA: List[Tuple[str, Any]] = [
    ("source", "string"),
    ("url", "string"),
    ("fetched_at", "string"),
    ("title", "string"),
    ("dek", "string"),
    ("authors", _STRINGS),
    ("published", "string"),
    ("modified", "string"),
    ("language", "string"),
    ("site_name", "string"),
    ("canonical_url", "string"),
    ("body", "string"),
    ("word_count", "int64"),
    (
        "quotes",
        (
            "list",
            (
                "struct",
                [
                    ("text", "string"),
                    ("kind", "string"),
                    ("part", "string"),
                    ("start", "int64"),
                    ("end", "int64"),
                    ("cue", "string"),
                    ("speaker", "string"),
                    ("speaker_role", "string"),
                    ("speaker_kind", "string"),
                ],
            ),
        ),
    ),
    (
        "people",
        ("list", ("struct", [("name", "string"), ("roles", _STRINGS), ("mentions", "int64")])),
    ),
    ("organizations", _STRINGS),
    ("places", _STRINGS),
    (
        "events",
        (
            "list",
            (
                "struct",
                [
                    ("what", "string"),
                    ("where", "string"),
                    ("when", "string"),
                    ("date", "string"),
                    ("participants", _STRINGS),
                ],
            ),
        ),
    ),
]

COLUMNS: List[str] = [name for name, _ in SCHEMA]


def _arrow_type(t: Any) -> Any:
    import pyarrow as pa

    if t == "string":
        return pa.string()
    if t == "int64":
        return pa.int64()
    kind, inner = t
    if kind == "list":
        return pa.list_(pa.field("element", _arrow_type(inner), nullable=True))
    if kind == "struct":
        return pa.struct([pa.field(n, _arrow_type(s), nullable=True) for n, s in inner])
    raise ValueError(f"unknown schema type {t!r}")


def arrow_schema() -> Any:
    """The export schema as a ``pyarrow.Schema`` (needs pyarrow)."""
    import pyarrow as pa

    return pa.schema([pa.field(n, _arrow_type(t), nullable=True) for n, t in SCHEMA])

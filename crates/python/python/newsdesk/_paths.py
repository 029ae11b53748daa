"""Input paths for the jobs: local files, or any URI pyarrow/fsspec can read."""

import os
import shutil
import tempfile
from contextlib import contextmanager
from typing import Iterator, List


def expand(paths: List[str]) -> List[str]:
    """Local folders become the WARC files inside them (sorted); anything else is kept."""
    out: List[str] = []
    for p in paths:
        if "://" not in p and os.path.isdir(p):
            for root, _dirs, files in os.walk(p):
                for f in sorted(files):
                    if f.endswith((".warc", ".warc.gz")):
                        out.append(os.path.join(root, f))
        else:
            out.append(p)
    return out


@contextmanager
def local_copy(uri: str) -> Iterator[str]:
    """A local path for ``uri``: the path itself when local, else a temporary copy
    fetched with pyarrow's filesystems (s3://, gs://, hdfs://…) or fsspec."""
    if "://" not in uri or uri.startswith("file://"):
        yield uri[len("file://"):] if uri.startswith("file://") else uri
        return
    suffix = ".warc.gz" if uri.endswith(".gz") else ".warc"
    fd, tmp = tempfile.mkstemp(suffix=suffix, prefix="newsdesk-")
    try:
        with os.fdopen(fd, "wb") as out:
            src = _open_remote(uri)
            with src:
                shutil.copyfileobj(src, out, 1 << 20)
        yield tmp
    finally:
        os.unlink(tmp)


def _open_remote(uri: str):
    try:
        from pyarrow import fs

        filesystem, path = fs.FileSystem.from_uri(uri)
        return filesystem.open_input_stream(path)
    except Exception as arrow_error:  # not a scheme pyarrow knows: try fsspec
        try:
            import fsspec
        except ImportError:
            raise OSError(f"{uri}: cannot open ({arrow_error}); install fsspec for this scheme") from None
        return fsspec.open(uri, "rb").open()

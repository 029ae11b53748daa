"""Type stubs of the newsdesk Python package."""

from typing import Any, Dict, Iterable, Iterator, List, Mapping, Optional, Tuple, Union
import os

__version__: str

Page = Union[bytes, bytearray, memoryview, str]

class NewsdeskError(ValueError):
    """A page or archive newsdesk could not process; the message names the input."""

def extract(page: Page, url: Optional[str] = None, source: Optional[str] = None,
            max_bytes: int = 67108864) -> Dict[str, Any]:
    """Extract the article of one page; the fields of ``newsdesk extract``'s JSON."""

def analyze(page: Page, url: Optional[str] = None, published: Optional[str] = None,
            body_only: bool = False, source: Optional[str] = None,
            max_bytes: int = 67108864) -> Dict[str, Any]:
    """Extract and analyse one page; the fields of ``newsdesk analyze``'s JSON."""

class WarcRecords(Iterator[Dict[str, Any]]):
    """Iterator over a WARC file's HTML responses (see ``read_warc``)."""
    def __iter__(self) -> "WarcRecords": ...
    def __next__(self) -> Dict[str, Any]: ...
    def stats(self) -> Dict[str, int]:
        """Counts so far: records, pages, not_html, not_ok, too_large, errors, bytes, skipped."""

def read_warc(path: Union[str, "os.PathLike[str]"], analyze: bool = False,
              html_only: bool = True) -> WarcRecords:
    """Stream a WARC/WARC.gz file: raw records, or (``analyze=True``) export-schema rows."""

class WarcArrowBatches(Iterator[bytes]):
    """Iterator over a WARC file's articles as Arrow IPC streams (see ``read_warc_arrow``)."""
    def __iter__(self) -> "WarcArrowBatches": ...
    def __next__(self) -> bytes: ...
    def stats(self) -> Dict[str, int]:
        """Counts so far: records, pages, not_html, not_ok, too_large, errors, bytes, skipped."""

def read_warc_arrow(path: Union[str, "os.PathLike[str]"], batch_rows: int = 1024,
                    max_batch_bytes: int = 33554432, html_only: bool = True) -> WarcArrowBatches:
    """Analyse a WARC/WARC.gz file in Rust; yields Arrow IPC streams of one record batch each."""

def read_warc_batches(path: Union[str, "os.PathLike[str]"], batch_rows: int = 1024,
                      max_batch_bytes: int = 33554432, html_only: bool = True) -> Iterator[Any]:
    """The articles of a WARC/WARC.gz file as ``pyarrow.RecordBatch``es (export schema)."""

def read_warc_table(path: Union[str, "os.PathLike[str]"], **options: Any) -> Any:
    """All the articles of a WARC/WARC.gz file as one ``pyarrow.Table`` (export schema)."""

def write_warc(path: Union[str, "os.PathLike[str]"], pages: Iterable[Mapping[str, Any]],
               gzip: Optional[bool] = None) -> int:
    """Write pages (dicts with url, body, date?, content_type?, status?) as WARC responses."""

SCHEMA: List[Tuple[str, Any]]
COLUMNS: List[str]

def arrow_schema() -> Any:
    """The export schema as a ``pyarrow.Schema``."""

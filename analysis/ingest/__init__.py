"""Files and pasted text -> ``Document`` -> ``Passage``: decoding, formats, metadata and manifests,
files and zips, uploads, cleaning, the corpus pipeline and stories.

Each name is re-exported from the module that defines it; modules of this wing import each other
directly, never through this package.
"""

from analysis.ingest.cleaning import (
    Paragraph,
    classify_documents,
    is_chrome_line,
)
from analysis.ingest.decoding import (
    UnreadableFile,
    decode_bytes,
    printable,
    without_surrogates,
)
from analysis.ingest.files import (
    MAX_ZIP_RATIO,
    SEEDS_DIR,
    UPLOAD_MAX_BYTES,
    Progress,
    documents_from_bytes,
    load_documents,
    unique_ids,
    without_lone_surrogates,
)
from analysis.ingest.formats import (
    HTML_SUFFIXES,
    MAX_ARTICLE_CHARS,
    MAX_ARTICLE_FILE_BYTES,
    MAX_RECORD_FILE_BYTES,
    RECORD_SUFFIXES,
    SUPPORTED_SUFFIXES,
    TEXT_SUFFIXES,
    document_from_text,
    file_documents,
    record_fields,
)
from analysis.ingest.metadata import (
    MANIFEST_NAMES,
    STORY_KEYS,
    Manifest,
    Metadata,
    apply_manifest,
    chrome_metadata,
    guess_title,
    language_code,
    parse_date,
    parse_manifest,
)
from analysis.ingest.pipeline import (
    build_corpus,
    corpus_from_documents,
)
from analysis.ingest.stories import (
    grouped_stories,
    story_corpus,
    story_label,
)

__all__ = [
    "HTML_SUFFIXES",
    "MANIFEST_NAMES",
    "MAX_ARTICLE_CHARS",
    "MAX_ARTICLE_FILE_BYTES",
    "MAX_RECORD_FILE_BYTES",
    "MAX_ZIP_RATIO",
    "Manifest",
    "Metadata",
    "Paragraph",
    "Progress",
    "RECORD_SUFFIXES",
    "SEEDS_DIR",
    "STORY_KEYS",
    "SUPPORTED_SUFFIXES",
    "TEXT_SUFFIXES",
    "UPLOAD_MAX_BYTES",
    "UnreadableFile",
    "apply_manifest",
    "build_corpus",
    "chrome_metadata",
    "classify_documents",
    "corpus_from_documents",
    "decode_bytes",
    "document_from_text",
    "documents_from_bytes",
    "file_documents",
    "grouped_stories",
    "guess_title",
    "is_chrome_line",
    "language_code",
    "load_documents",
    "parse_date",
    "parse_manifest",
    "printable",
    "story_corpus",
    "story_label",
    "record_fields",
    "unique_ids",
    "without_lone_surrogates",
    "without_surrogates",
]

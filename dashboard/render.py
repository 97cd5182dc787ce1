"""Safe HTML for article text: escape every segment, then wrap the highlights in <mark>.

Article text, titles and outlet names come from untrusted files. They only ever reach the
page through the builders here, whose output goes to ``st.html`` (never to Markdown with raw
HTML allowed, to a custom component or to an iframe). Every character of input text is
passed through ``html.escape`` before any tag is added, so a ``<script>`` in an article is
shown as the letters ``<script>``. Bidi controls are taken out of what is shown (see
``display_text``), never out of the data.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

import pandas as pd

from analysis.text.records import Document, Passage
from analysis.text.scripts import BIDI_CONTROLS
from dashboard.workspace.records import Note

MarkKind = Literal["reuse", "frame", "claim", "focus"]
MARK_KINDS: tuple[MarkKind, ...] = ("reuse", "frame", "claim", "focus")

# Translucent fills over the inherited text colour read on light and dark themes alike.
CSS = """<style>
.px-doc{font-size:0.95rem;line-height:1.6;overflow-wrap:anywhere}
.px-doc p{margin:0 0 .7em 0}
.px-doc .px-title{font-weight:600;font-size:1.05rem}
.px-doc .px-set-aside{opacity:.55;font-size:.9em;font-style:italic}
.px-doc .px-tag{font-size:.7rem;text-transform:uppercase;letter-spacing:.04em;
  border:1px solid rgba(128,128,128,.6);border-radius:.3em;padding:0 .3em;margin-right:.4em;opacity:.8}
.px-doc mark{color:inherit;border-radius:.2em;padding:0 .1em}
.px-doc mark.px-reuse{background:rgba(255,176,0,.38)}
.px-doc mark.px-frame{background:rgba(64,160,255,.35)}
.px-doc mark.px-claim{background:rgba(60,200,120,.38)}
.px-doc mark.px-focus{background:rgba(230,60,160,.40);outline:2px solid rgba(230,60,160,.85)}
.px-head{font-weight:600;font-size:1.0rem;margin:.2em 0 .1em 0;overflow-wrap:anywhere}
.px-meta{font-size:.8rem;opacity:.7;margin-bottom:.5em}
.px-legend mark{color:inherit;border-radius:.2em;padding:0 .3em;margin-right:.6em}
.px-legend mark.px-reuse{background:rgba(255,176,0,.38)}
.px-legend mark.px-frame{background:rgba(64,160,255,.35)}
.px-legend mark.px-claim{background:rgba(60,200,120,.38)}
.px-legend mark.px-focus{background:rgba(230,60,160,.40)}
.px-note{border-left:3px solid rgba(128,128,128,.5);padding:.1em 0 .1em .7em;margin:0 0 .8em 0}
.px-note .px-verdict{font-weight:600;font-size:.85rem}
.px-note .px-text{white-space:pre-wrap;overflow-wrap:anywhere;font-size:.92rem}
.px-note.px-confirmed{border-color:rgba(60,170,90,.9)}
.px-note.px-false-alarm{border-color:rgba(150,150,150,.9)}
.px-note.px-needs-checking{border-color:rgba(230,150,0,.9)}
.px-note.px-source-verified{border-color:rgba(59,91,219,.9)}
</style>"""


@dataclass(frozen=True, slots=True)
class Mark:
    """A highlight: document offsets, what it marks, and a hover note."""

    start: int
    end: int
    kind: MarkKind
    note: str = ""


_NO_BIDI = dict.fromkeys(map(ord, BIDI_CONTROLS))


def display_text(text: str) -> str:
    """Return ``text`` without bidi controls, for display.

    An override (U+202E) shows "Reuters" for a title or outlet stored as "sretueR", and leaks
    into whatever follows it on the line; embeddings, isolates and marks reorder text as well.
    Shown text is laid out by the Unicode bidi algorithm alone, from the letters themselves
    (Arabic and Hebrew still read right to left). Exports keep the text as it was.
    """
    return text.translate(_NO_BIDI)


def display_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a table with ``display_text`` applied to every text cell and column name."""
    out = frame.copy(deep=False)
    for column in out.columns:
        values = out[column]
        if pd.api.types.is_object_dtype(values) or pd.api.types.is_string_dtype(values):
            out[column] = values.map(lambda v: v.translate(_NO_BIDI) if isinstance(v, str) else v)
    return out.rename(columns=lambda c: c.translate(_NO_BIDI) if isinstance(c, str) else c)


def escape(text: str) -> str:
    """Return ``text`` escaped for HTML element content and attribute values (bidi controls left out)."""
    return html.escape(text.translate(_NO_BIDI), quote=True)


def highlighted(text: str, marks: Iterable[Mark], *, start: int = 0, end: int | None = None) -> str:
    """Return ``text[start:end]`` as escaped HTML with each mark wrapped in ``<mark>``.

    Marks are in offsets of ``text``; parts outside the window are clipped. Overlapping
    marks split the text at every boundary and the overlap carries all their classes.
    """
    end = len(text) if end is None else end
    inside = [m for m in marks if m.end > start and m.start < end and m.end > m.start]
    if not inside:
        return escape(text[start:end])
    cuts = {start, end}
    for m in inside:
        cuts.add(max(m.start, start))
        cuts.add(min(m.end, end))
    bounds = sorted(cuts)
    out: list[str] = []
    for a, b in zip(bounds, bounds[1:]):
        segment = escape(text[a:b])
        covering = [m for m in inside if m.start <= a and m.end >= b]
        if not covering:
            out.append(segment)
            continue
        kinds = sorted({m.kind for m in covering}, key=MARK_KINDS.index)
        notes = [m.note for m in covering if m.note]
        classes = " ".join(f"px-{k}" for k in kinds)
        title = f' title="{escape(" · ".join(dict.fromkeys(notes)))}"' if notes else ""
        out.append(f'<mark class="{classes}"{title}>{segment}</mark>')
    return "".join(out)


def article_html(
    document: Document,
    passages: Sequence[Passage],
    marks: Iterable[Mark] = (),
    *,
    show_set_aside: bool = True,
    paragraphs: Iterable[int] | None = None,
) -> str:
    """Return an article as escaped HTML paragraphs with its marks.

    Passages the cleaner set aside (boilerplate, related links) are shown dimmed with
    their reason on hover, or left out when ``show_set_aside`` is False. ``paragraphs``
    limits the output to those paragraph indexes (to show a hit in context).
    """
    marks = tuple(marks)
    wanted = None if paragraphs is None else set(paragraphs)
    grouped: dict[int, list[Passage]] = {}
    for p in passages:
        if wanted is not None and p.paragraph not in wanted:
            continue
        if not show_set_aside and not p.is_article:
            continue
        grouped.setdefault(p.paragraph, []).append(p)
    text = document.text
    blocks: list[str] = []
    for _, group in sorted(grouped.items()):
        parts: list[str] = []
        for i, p in enumerate(group):
            body = highlighted(text, marks, start=p.start, end=p.end)
            if p.role == "title":
                body = f'<span class="px-title">{body}</span>'
            elif not p.is_article:
                reason = escape(p.reason or p.role)
                body = (
                    f'<span class="px-set-aside" title="{reason}">'
                    f'<span class="px-tag">{escape(p.role)}</span>{body}</span>'
                )
            # Keep the white space between sentences; text left out in between becomes a space.
            gap = text[group[i - 1].end : p.start] if i else ""
            gap = escape(gap) if not gap.strip() else " "
            parts.append(gap + body)
        blocks.append(f"<p>{''.join(parts)}</p>")
    if not blocks:
        blocks.append("<p><em>No text to show.</em></p>")
    return f'{CSS}<div class="px-doc">{"".join(blocks)}</div>'


def heading_html(title: str, meta: str = "") -> str:
    """Return an escaped heading (an article title or outlet name) with an optional meta line."""
    line = f'<div class="px-meta">{escape(meta)}</div>' if meta else ""
    return f'{CSS}<div class="px-head">{escape(title)}</div>{line}'


def legend_html(kinds: Iterable[MarkKind], *, articles: int = 2) -> str:
    """Return a one-line legend for the mark colours in use, for ``articles`` articles side by side."""
    names = {
        "reuse": "shared with the other article" if articles <= 2 else "shared with another article shown",
        "frame": "framing term",
        "claim": "date or number claim",
        "focus": "selected",
    }
    items = "".join(f'<mark class="px-{k}">{escape(names[k])}</mark>' for k in kinds)
    return f'{CSS}<div class="px-legend">{items}</div>'


_MARKDOWN_SPECIALS = str.maketrans({c: "\\" + c for c in "\\`*_{}[]()<>#+-.!|$~:"})


def markdown_literal(text: str) -> str:
    """Return ``text`` with every Markdown and LaTeX special character backslash-escaped.

    For the few places (widget labels, messages) where Streamlit renders Markdown and the text
    is not from an article; article text goes through ``st.html`` builders instead.
    """
    return display_text(text).translate(_MARKDOWN_SPECIALS)


def notes_html(notes: Iterable[Note], *, with_label: bool = False) -> str:
    """Return notes as escaped HTML: the verdict, author and time over the note's text.

    The text is shown as typed: HTML, Markdown and links in it stay letters on the page.
    """
    blocks = []
    for n in notes:
        about = f'<div class="px-meta">{escape(n.label)}</div>' if with_label and n.label else ""
        blocks.append(
            f'<div class="px-note px-{n.verdict.replace(" ", "-")}">'
            f'<div><span class="px-verdict">{escape(n.verdict)}</span> '
            f'<span class="px-meta">· {escape(n.author_name)} · {escape(n.created_at[:16].replace("T", " "))} UTC'
            f"</span></div>{about}"
            + (f'<div class="px-text">{escape(n.text)}</div>' if n.text else "")
            + "</div>"
        )
    return f"{CSS}{''.join(blocks)}"

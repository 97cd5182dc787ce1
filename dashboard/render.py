"""Safe HTML for article text: escape every segment, then wrap the highlights in <mark>.

Article text, titles and outlet names come from untrusted files. They only ever reach the
page through the builders here, whose output goes to ``st.html`` (never to Markdown with raw
HTML allowed, to a custom component or to an iframe). Every character of input text is
passed through ``html.escape`` before any tag is added, so a ``<script>`` in an article is
shown as the letters ``<script>``.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from analysis.text.records import Document, Passage

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
</style>"""


@dataclass(frozen=True, slots=True)
class Mark:
    """A highlight: document offsets, what it marks, and a hover note."""

    start: int
    end: int
    kind: MarkKind
    note: str = ""


def escape(text: str) -> str:
    """Return ``text`` escaped for HTML element content and attribute values."""
    return html.escape(text, quote=True)


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
    return text.translate(_MARKDOWN_SPECIALS)

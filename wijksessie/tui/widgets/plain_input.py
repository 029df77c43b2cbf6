"""Text fields that point out jargon while you type, with a plain word to use instead.

Use them wherever someone writes text residents will read or hear: a prompt,
an agenda step, the explanation of a decision. Under the field a
:class:`JargonHint` shows what :func:`wijksessie.plain.find_jargon` found, e.g.::

    "ophalen" → vragen, horen

Two ready-made fields:

* :class:`PlainInput` — one line (an ``Input`` with the hint below);
  read ``.value``, listen for ``PlainInput.Changed``/``Input.Submitted``.
* :class:`PlainTextArea` — several lines (a ``TextArea`` with the hint below);
  read ``.text``.

The hint only informs; it never blocks saving. Without a word list for the
language, nothing is found and the fields work as ordinary fields.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Static, TextArea

from wijksessie import i18n
from wijksessie.i18n import _


def jargon_findings(text: str, lang: str | None = None) -> list:
    """What the plain-language check finds in ``text`` (listed words and abbreviations)."""
    if not text.strip():
        return []
    from wijksessie.plain import find_jargon  # on first use: the program starts without it

    try:
        return list(find_jargon(text, lang or i18n.current_language()))
    except Exception:  # noqa: BLE001 - a broken word list must not stop anyone typing
        return []


def hint_text(findings: Iterable) -> Text:
    """One line per word found: ``"word" → alternative`` (once per word)."""
    text = Text()
    seen: set[str] = set()
    for finding in findings:
        word = getattr(finding, "text", str(finding))
        if word.casefold() in seen:
            continue
        seen.add(word.casefold())
        suggestion = getattr(finding, "suggestion", "") or _("een gewoner woord")
        if text:
            text.append("\n")
        text.append(f"\u201c{word}\u201d", style="bold")
        text.append(" \u2192 ")
        text.append(suggestion, style="italic")
    return text


class JargonHint(Static):
    """Shows the jargon found in a text and the plain alternatives; hidden when there is none."""

    DEFAULT_CSS = """
    JargonHint {
        color: $warning;
        height: auto;
        padding: 0 1;
        display: none;
    }
    JargonHint.-found { display: block; }
    """

    def __init__(self, lang: str | None = None, **kwargs) -> None:
        super().__init__("", **kwargs)
        self.lang = lang
        self.findings: list = []
        self._plain = ""

    def check(self, text: str) -> list:
        """Check ``text`` and show the result; returns the findings."""
        self.findings = jargon_findings(text, self.lang)
        if self.findings:
            shown = Text(_("Moeilijk woord? Probeer:") + "\n") + hint_text(self.findings)
        else:
            shown = Text()
        self._plain = shown.plain
        self.update(shown)
        self.set_class(bool(self.findings), "-found")
        return self.findings

    @property
    def plain_text(self) -> str:
        """What the hint shows, as plain text (for tests and screen readers)."""
        return self._plain


class PlainInput(Vertical):
    """A one-line field with a jargon hint under it."""

    DEFAULT_CSS = """
    PlainInput { height: auto; }
    PlainInput > Input { width: 1fr; }
    """

    class Changed(Message):
        """The text changed; ``findings`` is what the check found."""

        def __init__(self, plain_input: PlainInput, value: str, findings: list) -> None:
            super().__init__()
            self.plain_input = plain_input
            self.value = value
            self.findings = findings

        @property
        def control(self) -> PlainInput:
            return self.plain_input

    def __init__(
        self,
        value: str = "",
        *,
        placeholder: str = "",
        lang: str | None = None,
        compact: bool = True,
        id: str | None = None,
        classes: str | None = None,
        disabled: bool = False,
    ) -> None:
        super().__init__(id=id, classes=classes, disabled=disabled)
        self._value = value
        self._placeholder = placeholder
        self._compact = compact
        self.lang = lang

    def compose(self) -> ComposeResult:
        yield Input(self._value, placeholder=self._placeholder, compact=self._compact)
        yield JargonHint(self.lang)

    def on_mount(self) -> None:
        self.hint.check(self._value)

    @property
    def input(self) -> Input:
        """The ``Input`` inside."""
        return self.query_one(Input)

    @property
    def hint(self) -> JargonHint:
        """The hint under the field."""
        return self.query_one(JargonHint)

    @property
    def value(self) -> str:
        """The text in the field."""
        return self.input.value if self.is_mounted else self._value

    @value.setter
    def value(self, text: str) -> None:
        self._value = text
        if self.is_mounted:
            self.input.value = text

    def focus(self, scroll_visible: bool = True):
        self.input.focus(scroll_visible)
        return self

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        findings = self.hint.check(event.value)
        self.post_message(self.Changed(self, event.value, findings))


class PlainTextArea(Vertical):
    """A field of several lines with a jargon hint under it (one finding per word)."""

    DEFAULT_CSS = """
    PlainTextArea { height: auto; }
    PlainTextArea > TextArea { height: 8; }
    """

    def __init__(self, text: str = "", *, lang: str | None = None, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._text = text
        self.lang = lang

    def compose(self) -> ComposeResult:
        yield TextArea(self._text, soft_wrap=True, show_line_numbers=False)
        yield JargonHint(self.lang)

    def on_mount(self) -> None:
        self.hint.check(self._text)

    @property
    def text_area(self) -> TextArea:
        """The ``TextArea`` inside."""
        return self.query_one(TextArea)

    @property
    def hint(self) -> JargonHint:
        """The hint under the field."""
        return self.query_one(JargonHint)

    @property
    def text(self) -> str:
        """The text in the field."""
        return self.text_area.text if self.is_mounted else self._text

    def focus(self, scroll_visible: bool = True):
        self.text_area.focus(scroll_visible)
        return self

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self.hint.check(event.text_area.text)

"""What the meeting screen does with requests: from the step views, from the list, and about personal data.

These are mixins of :class:`~wijksessie.tui.screens.meeting.MeetingScreen`
(kept apart so each module stays readable). They use the screen's ``sf``
(the open session file), ``save``, ``push_undo``, ``view`` and ``record``:
:class:`~wijksessie.tui.meeting.host.MeetingHost` lists what they may use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypedDict

from rich.text import Text
from textual.widgets import Static

from wijksessie import model
from wijksessie.i18n import _
from wijksessie.model import Agreement, Contribution, ContributionKind
from wijksessie.safe_text import terminal_safe
from wijksessie.tui import messages
from wijksessie.tui.meeting.host import MeetingHost
from wijksessie.tui.widgets.entries import EntryList

if TYPE_CHECKING:
    # Imported where used: the personal-data checks and the evaluation are not needed for the first frame.
    from wijksessie.privacy import Hint


class ContributionChanges(TypedDict, total=False):
    """What an edit of a contribution may change (the fields of ``SessionFile.edit_contribution``)."""

    text: str
    kind: str
    theme: str


class PersonalDataLine(MeetingHost):
    """The line above the step that says an entry looks like it holds personal data, with ctrl+o to fix it."""

    def _check_privacy(self, c: Contribution) -> None:
        """Say when a saved text looks like it holds personal data, and offer ctrl+o to replace those parts.

        The line stays until that contribution is fixed or removed, or another one is typed.
        """
        from wijksessie import privacy

        hints = privacy.personal_data_hints(c.text)
        self._privacy_last = c.id if hints else None
        self._set_privacy_offer(c, hints)

    def _set_privacy_offer(self, c: Contribution | None, hints: list[Hint]) -> None:
        if (c is None or not hints) and self._privacy_offer is None:
            return  # nothing shown, nothing to take away: no new layout for an ordinary entry
        bar = self.query_one("#privacy-bar", Static)
        if c is None or not hints:
            self._privacy_offer = None
            bar.update("")
            bar.remove_class("-shown")
        else:
            from wijksessie import privacy

            self._privacy_offer = c.id
            short = c.text if len(c.text) <= 40 else c.text[:39] + "\u2026"
            text = Text("\u26a0 ", style="bold")
            text.append("\u201c" + terminal_safe(short, oneline=True) + "\u201d: ", style="bold")
            text.append(privacy.describe(hints) + " ")
            text.append(_("Druk op ctrl+o om dit te vervangen door een woord zonder naam of nummer."), style="bold")
            bar.update(text)
            bar.add_class("-shown")
        self.refresh_bindings()
        # The line takes room from the list: keep its latest row in sight.
        self.call_after_refresh(self._show_latest_entry)

    def _show_latest_entry(self) -> None:
        view = self.view
        entries = view.entry_list() if view else None
        if entries is not None and entries.is_attached:
            entries.scroll_to_highlight()

    def _recheck_privacy(self, c: Contribution | None, contribution_id: str) -> None:
        """After a change to the contribution the warning is about: show the line only while it applies."""
        from wijksessie import privacy

        if self._privacy_last != contribution_id:
            return
        self._set_privacy_offer(c, privacy.personal_data_hints(c.text) if c is not None else [])

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "anonymise":
            return self._privacy_offer is not None and not self.readonly
        return True

    def action_anonymise(self) -> None:
        """Replace the personal data found in the warned-about contribution (undo puts it back)."""
        from wijksessie import privacy

        cid = self._privacy_offer
        if cid is None:
            return
        self._save_pending()
        try:
            c = self.sf.contribution(cid)
        except Exception:  # noqa: BLE001 - removed meanwhile: nothing to replace
            self._set_privacy_offer(None, [])
            return
        new_text = privacy.anonymise(c.text)
        if new_text == c.text:
            self._set_privacy_offer(None, [])
            return
        view = self.view
        if self._change(c, view.entry_list() if view else None, label=_("gegevens weghalen"), text=new_text):
            self.notify(_("Aangepast: \u201c{text}\u201d. Met ctrl+z zet u het terug.").format(
                text=terminal_safe(new_text, oneline=True)), markup=False)


class StepRequests(MeetingHost):
    """Saving what the step views ask for (:mod:`wijksessie.tui.messages`), then telling the view.

    Also the step's own texts: its prompts (key p) and the contact point (key c), each in a dialog.
    """

    def _saved(self, request: messages.MeetingRequest) -> None:
        view = self.view
        if view is not None:
            view.saved(request)

    def _not_saved(self, request: messages.MeetingRequest) -> None:
        view = self.view
        if view is not None:
            view.not_saved(request)

    def on_record(self, request: messages.Record) -> None:
        request.stop()
        if self.record(request.text, request.kind, request.theme):
            # A new entry: a warning about an earlier one no longer belongs to what is on screen.
            self._privacy_last = None
            if self._privacy_offer is not None:
                self._set_privacy_offer(None, [])

    def on_save_tally(self, request: messages.SaveTally) -> None:
        request.stop()
        old = model.Tally.from_dict(self.sf.session.tally.to_dict())
        participants = old.participants if request.participants is None else request.participants
        groups = dict(old.groups) if request.groups is None else request.groups

        def change(s: model.Session) -> None:
            s.tally = model.Tally(participants=participants, groups=groups)

        ok, _result = self.save(lambda: self.sf.update(change))
        if ok:
            self.push_undo(_("telling"), lambda: self.sf.update(lambda s: setattr(s, "tally", old)))
            self._saved(request)
        else:
            self._not_saved(request)

    def on_add_theme(self, request: messages.AddTheme) -> None:
        request.stop()
        added: list[bool] = []
        ok, _result = self.save(lambda: self.sf.update(lambda s: added.append(s.add_theme(request.name))))
        if not ok:
            self._not_saved(request)
            return
        theme = request.name.strip()
        if not added[0]:
            self.notify(_("Dit thema staat er al: {theme}.").format(theme=terminal_safe(theme, oneline=True)),
                        severity="information", markup=False)
        else:
            self.push_undo(_("thema"), lambda: self.sf.update(
                lambda s: s.themes.remove(theme) if theme in s.themes else None))
        self._saved(request)

    def on_vote(self, request: messages.Vote) -> None:
        request.stop()
        theme = request.theme
        before = self.sf.session.priorities.votes.get(theme, 0)
        ok, count = self.save(lambda: self.sf.vote(theme, request.n))
        if not ok or count is None:
            self._not_saved(request)
            return
        change = count - before
        if change:
            self.push_undo(_("stem"), lambda: self.sf.vote(theme, -change))
        elif request.n < 0:
            self.notify(_("Dit thema heeft geen stemmen meer om weg te halen: {theme}.").format(
                theme=terminal_safe(theme, oneline=True)), severity="warning", markup=False)
        self._saved(request)

    def on_add_agreement(self, request: messages.AddAgreement) -> None:
        request.stop()
        ok, agreement = self.save(lambda: self.sf.add_agreement(
            Agreement.new(request.what, request.who, request.when, quick_win=request.quick_win)))
        if ok and agreement is not None:
            self.push_undo(_("afspraak"), lambda: self.sf.delete_agreement(agreement.id))
            self._saved(request)
        else:
            self._not_saved(request)

    def on_delete_agreement(self, request: messages.DeleteAgreement) -> None:
        request.stop()
        agreement_id = request.agreement_id

        def answer(yes: bool | None) -> None:
            if not yes:
                return
            ok, agreement = self.save(lambda: self.sf.delete_agreement(agreement_id))
            if ok and agreement is not None:
                self.push_undo(_("afspraak weghalen"), lambda: self.sf.add_agreement(agreement))
                self._saved(request)

        from wijksessie.tui.dialogs.common import ConfirmDialog

        self.app.push_screen(ConfirmDialog(_("Deze afspraak weghalen?"), danger=True), answer)

    def on_save_evaluation(self, request: messages.SaveEvaluation) -> None:
        from wijksessie import feedback

        request.stop()
        c = request.counts
        if request.follow_up:
            store = self.app.store

            def save_earlier() -> model.EvaluationCount:
                with store.open(request.earlier) as earlier:  # the earlier session, briefly: how its follow-up was judged
                    return feedback.record_evaluation(earlier, satisfied=c.satisfied, neutral=c.neutral,
                                                      not_satisfied=c.not_satisfied, follow_up=True)

            ok, saved = self.save(save_earlier)
            lb = self.look_back()[0] if ok else None
            if saved is not None and lb is not None:
                lb.earlier.follow_up_evaluation = saved  # the kept look-back stays what the file says
        else:
            old = self.sf.session.evaluation
            ok, _result = self.save(lambda: feedback.record_evaluation(
                self.sf, satisfied=c.satisfied, neutral=c.neutral, not_satisfied=c.not_satisfied))
            if ok:
                self.push_undo(_("telling"), lambda: self.sf.update(lambda s: setattr(s, "evaluation", old)))
        if ok:
            self._saved(request)
        else:
            self._not_saved(request)

    def on_edit_contact(self, request: messages.EditContact) -> None:
        request.stop()
        self.action_contact()

    def action_edit_prompts(self) -> None:
        from wijksessie.tui.dialogs.common import PromptsDialog

        step_id = self.step.id

        def answer(lines: list[str] | None) -> None:
            if lines is None:
                return
            old = list(self.sf.session.prompts.get(step_id, []))

            def change(s: model.Session) -> None:
                if lines and lines != self.step.shown_prompts():
                    s.prompts[step_id] = lines
                else:
                    s.prompts.pop(step_id, None)

            ok, _result = self.save(lambda: self.sf.update(change))
            if ok:
                self.push_undo(_("zinnen"), lambda: self.sf.update(
                    lambda s: s.prompts.__setitem__(step_id, old) if old else s.prompts.pop(step_id, None)))
                self._show_step_texts()

        self.app.push_screen(PromptsDialog(self.step.shown_title(), self.prompts()), answer)

    def action_contact(self) -> None:
        from wijksessie.tui.dialogs.common import ContactDialog

        def answer(contact: model.ContactPoint | None) -> None:
            if contact is None:
                return
            old = model.ContactPoint.from_dict(self.sf.session.contact.to_dict())
            ok, _result = self.save(lambda: self.sf.update(lambda s: setattr(s, "contact", contact)))
            if ok:
                self.push_undo(_("aanspreekpunt"), lambda: self.sf.update(lambda s: setattr(s, "contact", old)))
                self._reload_view()

        self.app.push_screen(ContactDialog(self.sf.session.contact), answer)

    def _reload_view(self) -> None:
        view = self.view
        if view is not None:
            view.reload()


class ListActions(MeetingHost):
    """What the keys in the list of entries ask for: edit (text, kind, theme), delete, kind, theme, projector."""

    def on_entry_list_action(self, event: EntryList.Action) -> None:
        event.stop()
        self._save_pending()  # the row may be one that is about to be saved
        try:
            c = self.sf.contribution(event.contribution_id)
        except Exception:  # noqa: BLE001 - removed meanwhile
            return
        entries = self.view.entry_list() if self.view else None
        if event.what == "edit":
            self._edit(c, entries)
        elif event.what == "delete":
            self._delete(c, entries)
        elif event.what == "kind":
            kinds = list(ContributionKind)
            new_kind = kinds[(kinds.index(c.kind) + 1) % len(kinds)]
            self._change(c, entries, kind=new_kind.value)
        elif event.what == "room":
            if self._set_hidden(c, entries, not c.hidden_in_room):
                hidden = not c.hidden_in_room
                self.notify(_("Deze regel staat niet meer op het zaalscherm. Hij blijft wel bewaard.") if hidden
                            else _("Deze regel staat weer op het zaalscherm."), markup=False)
        elif event.what == "theme":
            from wijksessie.tui.meeting.dialogs import ThemePicker

            def answer(theme: str | None) -> None:
                if theme is not None and theme != c.theme:
                    self._change(c, entries, theme=theme)

            self.app.push_screen(ThemePicker(self.theme_choices(), c.theme, title=_("Thema van deze regel")), answer)

    def _change(self, c: Contribution, entries: EntryList | None, *, label: str | None = None,
                text: str | None = None, kind: str | None = None, theme: str | None = None) -> bool:
        old = Contribution.from_dict(c.to_dict())
        ok, new = self.save(lambda: self.sf.edit_contribution(c.id, text=text, kind=kind, theme=theme))
        if ok and new is not None:
            if entries is not None:
                entries.update_entry(new)
            self.push_undo(label or _("aanpassing"), lambda: self.sf.update_contribution(old))
            self._recheck_privacy(new, c.id)
        return ok

    def _set_hidden(self, c: Contribution, entries: EntryList | None, hidden: bool) -> bool:
        """Keep a contribution off the projector (or put it back); it stays in the record. Not an edit of what was said."""
        old = Contribution.from_dict(c.to_dict())
        new = Contribution.from_dict(c.to_dict())
        new.hidden_in_room = hidden
        ok, saved = self.save(lambda: self.sf.update_contribution(new))
        if ok and saved is not None:
            if entries is not None:
                entries.update_entry(saved)
            self.push_undo(_("zaalscherm"), lambda: self.sf.update_contribution(old))
        return ok

    def _edit(self, c: Contribution, entries: EntryList | None) -> None:
        from wijksessie.tui.meeting.dialogs import ContributionDialog

        def answer(changes: ContributionChanges | None) -> None:
            if changes:
                self._change(c, entries, **changes)

        self.app.push_screen(ContributionDialog(c, self.theme_choices()), answer)

    def _delete(self, c: Contribution, entries: EntryList | None) -> None:
        from wijksessie.tui.dialogs.common import ConfirmDialog

        def answer(yes: bool | None) -> None:
            if not yes:
                return
            ok, removed = self.save(lambda: self.sf.delete_contribution(c.id))
            if ok and removed is not None:
                if entries is not None:
                    entries.remove_entry(c.id)
                self.push_undo(_("weghalen"), lambda: self.sf.restore_contribution(removed))
                self._recheck_privacy(None, c.id)

        short = c.text if len(c.text) <= 60 else c.text[:59] + "\u2026"
        self.app.push_screen(
            ConfirmDialog(_("Deze inbreng weghalen?\n\n\u201c{text}\u201d").format(
                text=terminal_safe(short, oneline=True)), danger=True), answer
        )

    def action_undo(self) -> None:
        self._save_pending()  # an entry typed just now is what undo takes back
        if not self.undo_stack:
            self.notify(_("Er is niets om ongedaan te maken."), severity="information", markup=False)
            return
        label, undo = self.undo_stack.pop()
        ok, _result = self.save(undo)
        if ok:
            self._reload_view()
            self.notify(_("Ongedaan gemaakt: {what}.").format(what=label), markup=False)
            if self._privacy_last is not None:
                try:
                    current = self.sf.contribution(self._privacy_last)
                except Exception:  # noqa: BLE001 - undo removed it
                    current = None
                self._recheck_privacy(current, self._privacy_last)

"""The position recorder: what the session keeps in the store, and nothing else.

It saves the place at every sentence start (it listens to the session's events), on
pause and on close; records the article in the history; forgets the place once the
article is finished; and adds marks. A store that fails is said once, then left
alone: reading never stops because a place could not be saved.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from readout.article import Article
from readout.defaults import Preference
from readout.errors import ReadoutError
from readout.numbering import Numbering
from readout.reader import words
from readout.reader.events import ReaderEvent, ReaderState, SentenceStarted, StateChanged
from readout.state import SavedPosition, Store


class PositionRecorder:
    """Keeps one article's place, history entry and marks in a :class:`Store` (or
    does nothing without one)."""

    def __init__(self, store: Store | None, announce: Callable[[str], None]) -> None:
        self.store = store
        self._announce = announce
        self._failed = False
        self._article: Article | None = None
        self._numbering: Numbering | None = None
        self._whole = False

    def follow(self, article: Article, numbering: Numbering, *, whole: bool) -> None:
        """Record for ``article``; a partial one (the first blocks of a long article)
        has its own hash, so its place is not saved until the whole is in."""
        self._article, self._numbering, self._whole = article, numbering, whole

    def observe(self, event: ReaderEvent) -> None:
        """Save at each sentence start; forget the place when the article is finished."""
        if isinstance(event, SentenceStarted):
            self.save(event.block, event.sentence)
        elif isinstance(event, StateChanged) and event.state is ReaderState.FINISHED:
            self._guard(lambda store, article: store.forget_position(*article))

    def save(self, block: int, sentence: int) -> None:
        if not self._whole or self._numbering is None:
            return
        place = self._numbering.place(block, sentence)
        self._guard(lambda store, article: store.save_position(*article, block, sentence, place))

    def remember(self, chosen: Mapping[Preference, int]) -> None:
        """Keep the speed and volume the listener chose, for the next run to start with."""
        if self.store is None or self._failed:
            return
        try:
            for name, value in chosen.items():
                self.store.set_preference(name, str(value))
        except ReadoutError as error:
            self._failed = True
            self._announce(words.cannot_save_place(error))

    def opened(self) -> None:
        """Add the article to the history (a partial one once it is whole)."""
        if self._whole and self._article is not None:
            title = self._article.title
            self._guard(lambda store, article: store.record_opened(*article, title))

    def saved_place(self) -> SavedPosition | None:
        """Where the last session of this article stopped, if the store knows."""
        if self.store is None or self._article is None:
            return None
        try:
            return self.store.load_position(*self._key(self._article))
        except ReadoutError:
            return None

    def add_mark(self, block: int, sentence: int, text: str, note: str) -> int | None:
        """Flag a sentence; its id, or None without a store.

        Raises:
            ReadoutError: the store could not save it.
        """
        if self.store is None or self._article is None:
            return None
        content_hash, source = self._key(self._article)
        return self.store.add_mark(source, content_hash, block, sentence, text, note)

    @staticmethod
    def _key(article: Article) -> tuple[str, str]:
        return article.content_hash, article.source or ""

    def _guard(self, action: Callable[[Store, tuple[str, str]], None]) -> None:
        if self.store is None or self._article is None or self._failed:
            return
        try:
            action(self.store, self._key(self._article))
        except ReadoutError as error:
            self._failed = True
            self._announce(words.cannot_save_place(error))

"""The one error hierarchy of Storywatch.

Every error here carries a message that is safe to show a user in chat: it names what was
wrong in plain words and never includes exception text, stack traces or secrets. Platform
adapters translate these into private replies in one place.
"""


class StorywatchError(Exception):
    """Base class: ``user_message`` is safe to show in chat."""

    def __init__(self, user_message: str) -> None:
        super().__init__(user_message)
        self.user_message = user_message


class BadArguments(StorywatchError):
    """A command was typed with missing or malformed arguments."""


class UnknownStory(StorywatchError):
    """No story of that name exists in this workspace."""

    def __init__(self, name: str, suggestion: str | None = None) -> None:
        hint = f' Did you mean "{suggestion}"?' if suggestion else " Try `/story list`."
        super().__init__(f'There is no story called "{name}" here.{hint}')
        self.name = name
        self.suggestion = suggestion


class UnknownClaim(StorywatchError):
    """No claim with that id exists in this workspace."""

    def __init__(self, claim_ref: str) -> None:
        super().__init__(
            f'There is no claim "{claim_ref}" here. `/story claims STORY` lists claim ids.'
        )
        self.claim_ref = claim_ref


class StoryExists(StorywatchError):
    """A story of that name already exists in this workspace."""


class DocumentRejected(StorywatchError):
    """A document could not be accepted (empty, too large, undecodable, bad date)."""


class NotAllowed(StorywatchError):
    """The caller lacks the permission a command needs."""


class InvalidTransition(StorywatchError):
    """A claim was asked to move to a state its current state does not allow."""


class DeliveryFailed(StorywatchError):
    """A platform refused or failed a post. ``permanent`` means retrying will not help
    (channel gone, bot removed); otherwise the outbox retries later."""

    def __init__(self, user_message: str, *, permanent: bool) -> None:
        super().__init__(user_message)
        self.permanent = permanent

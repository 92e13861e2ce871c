"""What a stop request (SIGTERM) becomes: the `Terminated` exception, raised in the main thread.

`cli.main` turns SIGTERM into it and the error handler (`cli.output.handle_errors`) turns it
into exit 143. It lives apart from output.py so that start-up, which needs the class before any
command runs, does not load the error handler and what it prints with (`coprod --help` would
pay for them). Must not import anything.
"""

from __future__ import annotations


class Terminated(BaseException):  # noqa: N818  # named for what happened, like KeyboardInterrupt
    """SIGTERM arrived: raised in the main thread so every clean-up runs on the way out.

    A BaseException, like KeyboardInterrupt, so `except Exception` cannot swallow it.
    """

"""coprod: place children's services on a ladder of involvement and show the next rung.

The supported Python API is listed in __all__; everything else is internal.
"""

from __future__ import annotations

__version__ = "0.1.0"

#: Where coprod lives; pyproject's [project.urls] and the SARIF help links use the same place.
HOMEPAGE = "https://github.com/coprod/coprod"

__all__ = ["HOMEPAGE", "__version__"]

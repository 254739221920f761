"""The one test of a reference's address: validation accepts, and the renderer makes a
link of, exactly the same addresses.

A web address is an ``http`` or ``https`` URL (scheme in any case) with a host, and
nothing in it that a browser would silently drop or reinterpret: no whitespace and no
control characters anywhere (``java\\tscript:`` is ``javascript:`` to a browser).
Leading and trailing whitespace is trimmed first, as YAML authors often leave it.
"""

from __future__ import annotations

from urllib.parse import urlsplit

_SCHEMES = ("http", "https")


def web_url(url: str | None) -> str | None:
    """The address, trimmed, if it is an http(s) address with a host; else None."""
    if not url:
        return None
    candidate = url.strip()
    if any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in candidate):
        return None
    try:
        parts = urlsplit(candidate)
        host = parts.hostname
    except ValueError:  # an unbalanced [ in the host, say
        return None
    if parts.scheme.lower() not in _SCHEMES or not host:
        return None
    return candidate

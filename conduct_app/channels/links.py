"""One form for every address of the same post or page, so that reports of it are linked
and a pasted link can be looked up in the registry of official channels.

`normalise_url` folds what differs between two copies of one link without changing what
it points to: the scheme, "www." and the mobile hosts of the big platforms
(`m.facebook.com`, `m.youtube.com`), short links (`fb.com`, `youtu.be`), tracking
parameters (`fbclid`, `utm_*`, ...), the fragment, a trailing slash, percent-encoding of
plain characters and, where the platform ignores it, the case of the path. The result has
no scheme: "facebook.com/ubnd.iagrai".
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit

from directives_app.core.vietnamese import nfc

MAX_URL_LENGTH = 1000

# Hosts folded into one canonical host.
_HOST_ALIASES = {
    "fb.com": "facebook.com",
    "fb.me": "facebook.com",
    "m.facebook.com": "facebook.com",
    "mobile.facebook.com": "facebook.com",
    "mbasic.facebook.com": "facebook.com",
    "touch.facebook.com": "facebook.com",
    "web.facebook.com": "facebook.com",
    "m.youtube.com": "youtube.com",
    "music.youtube.com": "youtube.com",
    "m.tiktok.com": "tiktok.com",
    "vm.tiktok.com": "vm.tiktok.com",  # share links: each code is its own address
    "chat.zalo.me": "zalo.me",
    "m.zalo.me": "zalo.me",
}
# Platforms whose paths (user names, page names) ignore case. YouTube video ids do not.
_CASE_INSENSITIVE_PATHS = {"facebook.com", "tiktok.com", "zalo.me", "instagram.com", "x.com"}

# Query parameters that only say where a click came from: everywhere, and per platform
# (a "ref" or "feature" parameter may mean something on another site).
_TRACKING_PARAMETERS = {
    "fbclid",
    "gclid",
    "dclid",
    "msclkid",
    "igshid",
    "igsh",
    "mibextid",
    "zarsrc",
    "zaloid",
    "__cft__",
    "__tn__",
    "_rdc",
    "_rdr",
}
_TRACKING_PREFIXES = ("utm_", "zl_")
_PLATFORM_TRACKING_PARAMETERS = {
    "facebook.com": {"ref", "fref", "hc_ref", "refsrc", "rdid", "share_url", "sfnsn", "paipv"},
    "youtube.com": {"si", "feature", "pp", "ab_channel"},
    "tiktok.com": {"is_from_webapp", "sender_device", "is_copy_url", "_t", "_r", "lang"},
}

_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)


def _canonical_host(host: str) -> str:
    host = host.lower().rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    return _HOST_ALIASES.get(host, host)


def _is_tracking(name: str, host: str) -> bool:
    lowered = name.lower().split("[", 1)[0]  # "__cft__[0]" is "__cft__"
    return (
        lowered in _TRACKING_PARAMETERS
        or lowered.startswith(_TRACKING_PREFIXES)
        or lowered in _PLATFORM_TRACKING_PARAMETERS.get(host, ())
    )


def _canonical_path(path: str) -> str:
    # Decode, then encode again: "%41" and "A", "ă" and "%C4%83" (NFC or not) become one form.
    path = quote(nfc(unquote(path)), safe="/:@!$&'()*+,;=-._~")
    path = re.sub(r"/{2,}", "/", path)
    return path.rstrip("/")


def normalise_url(url: str) -> str:
    """ "https://m.facebook.com/UBND.IaGrai/?fbclid=x" → "facebook.com/ubnd.iagrai".

    Raises ValueError when `url` has no host.
    """
    text = nfc(url.strip())
    if not _SCHEME.match(text):
        text = "https://" + text.lstrip("/")
    parts = urlsplit(text)
    host = parts.hostname or ""
    if not host or " " in host:
        raise ValueError(f"no host in {url!r}")
    try:
        host = host.encode("idna").decode("ascii")
    except UnicodeError:
        pass  # keep the unicode host; it still compares equal to itself
    host = _canonical_host(host)
    port = parts.port
    if port and port not in (80, 443):
        host = f"{host}:{port}"

    path = _canonical_path(parts.path)
    query = [
        (name, value)
        for name, value in parse_qsl(parts.query, keep_blank_values=True)
        if not _is_tracking(name, host)
    ]

    # Short links whose target is written in them.
    if host == "youtu.be" and path:
        host, query = "youtube.com", [("v", path.strip("/")), *query]
        path = "/watch"
    if host == "youtube.com" and path.startswith("/shorts/"):
        query, path = [("v", path.split("/")[2]), *query], "/watch"
    if host == "youtube.com" and path == "/watch":
        # The video is the address; a start time or playlist is not.
        query = [(name, value) for name, value in query if name == "v"]

    if host in _CASE_INSENSITIVE_PATHS:
        path = path.lower()
    query_text = urlencode(sorted(query))
    return f"{host}{path}" + (f"?{query_text}" if query_text else "")


def is_valid_url(url: str) -> bool:
    try:
        normalise_url(url)
    except ValueError:
        return False
    return True

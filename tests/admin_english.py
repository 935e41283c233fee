"""English left on Vietnamese admin screens: the words to look for, the ones allowed, and the
visible text of an HTML page. Shared by tests/i18n (test client) and tests/e2e (browser).

A word is flagged when it is written in ASCII letters only and is one of ENGLISH_WORDS
(case-insensitive). The list holds the words of an admin interface (buttons, headings,
statuses, menus) and leaves out every word that is also a Vietnamese syllable without
diacritics ("an", "can", "con", "do", "in", "no", "so", "the", "to", "tin", "long", "sang",
"ban", "hang", "ma"…), which appear in unit names and in words written without accents.
"""

from __future__ import annotations

import json
import re
import zoneinfo
from dataclasses import dataclass

from bs4 import BeautifulSoup, Comment, Declaration, Doctype, ProcessingInstruction

ENGLISH_WORDS = frozenset(
    """
    about account accounts action actions active add added admin aging ago alias all alt
    and any approval approve approved archive are ascending assign audit author back
    because before below block blocks bulk by cancel cancelled change changed changes
    check checks children choose chosen clear click close code collapse collection
    collections comment comments compare complete completed confirm contact content
    continue copy create created current dark dashboard date days default delete deleted
    descending description details directive disable disabled display document documents
    download draft drafts edit edited editing editor email enable enabled error errors
    expand expired expiry explorer export false field fields file filter filters first
    forgot from go group groups has have help hidden hide history home hours image
    images import inactive insert is items its kind last latest level light link links
    list live loading lock locked log login logout manage members message messages
    minutes moderation more move name needs never new next none not notification
    notifications of off on or order owner page pages parent password permission
    permissions please port preferences preview previous privacy private profile public
    publish published publishing recent rejected remove rename reply report reports
    request required reset restore results revert revision revisions role roles root
    save saved saving schedule scheduled search select selected send settings show
    showing sign site sites snippet snippets sort status submit submitted success
    summary symbol tag tags task tasks theme this time title today toggle true type unit
    units unlock unlocked unpublish unpublished untitled update updated upload uploaded
    usage used user username users view views warning welcome with workflow workflows
    yes you your
    """.split()
)

# Words of the list above that may legitimately appear, with the reason.
ALLOWED: dict[str, str] = {
    "email": "“Email” is the everyday Vietnamese word, used by the glossary (docs/glossary-vi.md)",
    "admin": "the demo administrator's username (“admin”), shown in user lists and logs",
}

# Phrases (exact substrings of a text) that are legitimately English, with the reason.
ALLOWED_PHRASES: dict[str, str] = {
    "English": "the language picker names each language in that language",
    "Ctrl + Alt": "names of keys, as printed on the keyboard (keyboard shortcuts)",
}

WORD = re.compile(r"[^\W\d_]+")
ASCII_WORD = re.compile(r"^[A-Za-z]+$")
SKIPPED_TAGS = ("script", "style", "noscript", "svg")
# Attributes whose text a sighted user reads: placeholders and the labels of buttons.
VISIBLE_ATTRIBUTES = ("placeholder",)


@dataclass(frozen=True)
class Finding:
    word: str
    text: str

    def __str__(self) -> str:
        return f"{self.word!r} in {self.text!r}"


# Texts matching these patterns are data, not catalogue strings.
ALLOWED_PATTERNS: dict[re.Pattern[str], str] = {
    re.compile(r"^(?:[^|]+ \| [^|]+ \| .+|Can [a-z].*)$"): (
        "Django's permission names (“Can add group”, “app | model | name”), stored in the "
        "database in English when the tables are created; the group editor lists them"
    ),
}

# Elements left out of the text, with the reason. Each is a tag name and attribute tests
# for BeautifulSoup's find_all (CSS selectors would skip the insides of <template>).
IGNORED_ELEMENTS: list[tuple[str, dict, str]] = [
    (
        "div",
        {"data-side-panel-toggle-counter": True},
        "a hidden counter that Wagtail's JavaScript fills with a number; Wagtail 8 renders "
        "Python's None in it until then",
    ),
    (
        "input",
        {"type": "submit", "value": "Search"},
        "the visually hidden submit button of Wagtail's search forms: Wagtail 8 hard-codes "
        'value="Search" in wagtailadmin/home.html and shared/header.html (no catalogue '
        "string); the search field's label and placeholder are translated",
    ),
    (
        "label",
        {"for": re.compile(r"^id_page_permissions-.+-page$")},
        "the hidden label of the page field in the group editor's page permissions: Wagtail 8 "
        "declares the field without a label, so Django derives “Page” from its name",
    ),
]

# Time zone names (“America/New_York”) in the time zone picker: identifiers, not words.
TIME_ZONES = frozenset(zoneinfo.available_timezones())


def english_words(text: str) -> list[str]:
    """The flagged words of one text, in order."""
    if text in TIME_ZONES or any(pattern.match(text) for pattern in ALLOWED_PATTERNS):
        return []
    for phrase in ALLOWED_PHRASES:
        text = text.replace(phrase, " ")
    found = []
    for word in WORD.findall(text):
        lowered = word.lower()
        if ASCII_WORD.match(word) and lowered in ENGLISH_WORDS and lowered not in ALLOWED:
            found.append(word)
    return found


def findings(texts: list[str]) -> list[Finding]:
    result = []
    seen = set()
    for text in texts:
        for word in english_words(text):
            key = (word, text)
            if key not in seen:
                seen.add(key)
                result.append(Finding(word, text))
    return result


def visible_texts(html: str) -> list[str]:
    """The texts of a page a user can read: text nodes outside scripts and styles, the
    placeholders and the values of buttons, and the menu labels of Wagtail's sidebar
    (rendered by JavaScript from a JSON script)."""
    soup = BeautifulSoup(html, "html.parser")
    texts: list[str] = []
    sidebar = soup.find("script", id="wagtail-sidebar-props")
    if sidebar is not None and sidebar.string:
        texts.extend(sidebar_labels(json.loads(sidebar.string)))
    for tag in soup(SKIPPED_TAGS):
        tag.decompose()
    for name, attrs, _reason in IGNORED_ELEMENTS:
        for tag in soup.find_all(name, attrs=attrs):
            tag.decompose()
    for node in soup.find_all(string=True):
        if isinstance(node, (Comment, Declaration, Doctype, ProcessingInstruction)):
            continue
        text = " ".join(node.split())
        if text:
            texts.append(text)
    for tag in soup.find_all(True):
        for attribute in VISIBLE_ATTRIBUTES:
            if tag.get(attribute):
                texts.append(" ".join(str(tag[attribute]).split()))
        if tag.name == "input" and tag.get("type") in ("submit", "button") and tag.get("value"):
            texts.append(" ".join(str(tag["value"]).split()))
    return texts


def sidebar_labels(value) -> list[str]:
    """Every "label" string in the sidebar's props (menu items, account menu, search)."""
    labels = []
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "label" and isinstance(item, str):
                labels.append(item)
            else:
                labels.extend(sidebar_labels(item))
    elif isinstance(value, list):
        for item in value:
            labels.extend(sidebar_labels(item))
    return labels

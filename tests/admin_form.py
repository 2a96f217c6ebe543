"""Submitting an admin change form as a browser would: every field as rendered, some changed."""

from html.parser import HTMLParser

SKIPPED_INPUTS = {"submit", "button", "image", "reset", "file"}


class _FormReader(HTMLParser):
    """The name/value pairs the admin's `<form id="..._form">` would submit."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.pairs = []
        self._in_form = False
        self._textarea = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("id") or "").endswith("_form"):
            self._in_form = True
        if not self._in_form or "name" not in attrs and tag != "option":
            return
        if tag == "input":
            self._input(attrs)
        elif tag == "textarea":
            self._textarea = [attrs["name"], ""]
        elif tag == "select":
            self._select = {"name": attrs["name"], "multiple": "multiple" in attrs, "options": []}
        elif tag == "option" and self._select is not None:
            self._select["options"].append((attrs.get("value", ""), "selected" in attrs))

    def _input(self, attrs):
        kind = attrs.get("type", "text")
        if kind in SKIPPED_INPUTS or "disabled" in attrs:
            return
        if kind in {"checkbox", "radio"}:
            if "checked" in attrs:
                self.pairs.append((attrs["name"], attrs.get("value", "on")))
            return
        self.pairs.append((attrs["name"], attrs.get("value") or ""))

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_form = False
        elif tag == "textarea" and self._textarea is not None:
            name, text = self._textarea
            # Browsers drop the newline that follows <textarea>.
            self.pairs.append((name, text[1:] if text.startswith("\n") else text))
            self._textarea = None
        elif tag == "select" and self._select is not None:
            self._select_done(**self._select)
            self._select = None

    def _select_done(self, name, multiple, options):
        chosen = [value for value, selected in options if selected]
        if not chosen and not multiple and options:
            chosen = [options[0][0]]
        self.pairs.extend((name, value) for value in chosen)


def form_data(html):
    reader = _FormReader()
    reader.feed(html)
    data = {}
    for name, value in reader.pairs:
        data.setdefault(name, []).append(value)
    return data


def submit(client, url, **changes):
    """GET the admin form at `url`, change `changes`, POST it; return the response."""
    page = client.get(url)
    assert page.status_code == 200, (url, page.status_code)
    data = form_data(page.content.decode())
    assert data, f"no admin form at {url}"
    for name, value in changes.items():
        data[name] = value if isinstance(value, list) else [value]
    data["_save"] = ["Save"]
    return client.post(url, data)

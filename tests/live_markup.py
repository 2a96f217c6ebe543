"""Finding script that a browser would run in a page, by parsing it as a browser does.

Substring checks cannot tell `&lt;script&gt;` (text, harmless) from `<script>`, nor see a
`</script>` that ends a JSON-LD block early. html.parser tokenizes like a browser: script
content is raw text up to the first `</script`, attributes are decoded, entities resolved.
"""

import json
from html.parser import HTMLParser

# Attributes a browser follows as a URL (navigation, loading, form submission).
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster"}
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:text/html")


def _runs_script(url):
    # Browsers ignore ASCII whitespace and control characters inside the scheme.
    squeezed = "".join(c for c in url if ord(c) > 0x20).lower()
    return squeezed.startswith(DANGEROUS_SCHEMES)


class _Scanner(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self.texts = []
        self._script = None

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag}> has an event handler {name}={value!r}")
            if name in URL_ATTRIBUTES and value and _runs_script(value):
                self.problems.append(f"<{tag} {name}={value!r}> runs script")
            if name in {"content", "title", "alt", "value", "aria-label"} and value:
                self.texts.append(value)
        if tag == "script":
            self._script = {"type": dict(attrs).get("type") or "", "text": ""}

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self._check_script(**self._script)
            self._script = None

    def handle_data(self, data):
        if self._script is not None:
            self._script["text"] += data
        else:
            self.texts.append(data)

    def _check_script(self, type, text):  # noqa: A002 (the attribute's name)
        if type == "application/ld+json":
            try:
                data = json.loads(text)
            except ValueError:
                self.problems.append(f"a JSON-LD block was cut short: {text[:80]!r}")
                return
            self.texts.extend(_strings(data))
        elif "alert(" in text:
            self.problems.append(f"live script: {text[:80]!r}")


def _strings(data):
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from _strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from _strings(value)


def scan(html):
    """(problems, text): what would run in `html`, and all the text a reader or crawler gets.

    The text covers element text, JSON-LD strings and descriptive attributes, so a test
    can check that the fields it filled with payloads were really on the page.
    """
    scanner = _Scanner()
    scanner.feed(html)
    scanner.close()
    return scanner.problems, " ".join(scanner.texts)

"""Script payloads an organizer, an importer or a pasted press release could put in a text.

Each payload calls alert(§) or loads a URL containing "xss-beacon"; § becomes the payload's
number, so a dialog or request found in the browser says which payload got through. None
uses ";" or "|": the agenda CSV splits its person and topic cells on them.
"""

PAYLOADS = [
    # Tags
    "<script>alert(§)</script>",
    "<img src=x onerror=alert(§)>",
    "<svg onload=alert(§)>",
    "<svg><script>alert(§)</script></svg>",
    "<iframe src=javascript:alert(§)></iframe>",
    "<body onload=alert(§)>",
    "<details open ontoggle=alert(§)>",
    "<input autofocus onfocus=alert(§)>",
    "<video><source onerror=alert(§)></video>",
    "<object data=javascript:alert(§)></object>",
    "<embed src=javascript:alert(§)>",
    "<scr<script>ipt>alert(§)</script>",
    "<link rel=stylesheet href=/xss-beacon-§.css>",
    "<style>@import '/xss-beacon-§.css'</style>",
    '<meta http-equiv="refresh" content="0,url=javascript:alert(§)">',
    "<base href=//127.0.0.1:9/xss-beacon-§/>",
    # Breaking out of the element or attribute the text lands in
    '"><script>alert(§)</script>',
    "'><img src=x onerror=alert(§)>",
    '" autofocus onfocus="alert(§)" x="',
    "' onmouseover='alert(§)' x='",
    "</title><script>alert(§)</script>",
    "</script><script>alert(§)</script>",
    "</textarea><script>alert(§)</script>",
    "--><script>alert(§)</script><!--",
    # Parser differentials (mutation XSS)
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(§)>",
    '<noscript><p title="</noscript><img src=x onerror=alert(§)>">',
    # URLs and entities
    '<a href="javascript:alert(§)">link</a>',
    '<a href="jav&#9ascript:alert(§)">link</a>',
    '<a href="&#106avascript:alert(§)">link</a>',
    "<img src=x onerror=&#97lert(§)>",
    '<form action="javascript:alert(§)"><button>go</button></form>',
    "javascript:alert(§)",
    # Template syntax: ours (Django, Jinja2) and client-side ones
    "{{ 7|add:§ }} {% debug %}",
    "{{ ''.__class__ }} {% for x in range(§) %}x{% endfor %}",
    "${alert(§)} #{alert(§)} {{constructor.constructor('alert(§)')()}}",
    # CJK and right-to-left tricks
    "汽车<script>alert(§)</script>出海",
    "＜script＞alert(§)＜/script＞",
    "\u202e<img src=x onerror=alert(§)>\u202d",
    "\u200b<svg\u200bonload=alert(§)>",
    "مرحبا\u200f<img src=x onerror=alert(§)>",
]

# Harmless even when a page leaves them raw: they trick a filter that strips tags once or
# re-serializes (11, 24), must stay text (the template syntax), or only look like tags.
INERT_RAW = {11, 24, 32, 33, 34, 36, 38}

# Payloads whose text must reach the page exactly as typed: nothing may evaluate them.
LITERAL = {i for i, payload in enumerate(PAYLOADS) if "{{" in payload or "${" in payload}


def payload(n):
    return PAYLOADS[n].replace("§", str(n))


def marked(n, prefix="xss"):
    """A field value: a word to find the field on the page by, then payload `n`."""
    return f"{prefix}{n:02d} {payload(n)}"

"""A page as a real browser sees it: headless Chromium (Debian's package) dumps the DOM it built from
a file, and html.parser turns that DOM into a small tree the tests query. No network: the page must be
self-contained, and Chromium is told not to phone home."""
import subprocess
import tempfile
from html.parser import HTMLParser
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
          "--disable-background-networking", "--disable-component-update", "--disable-sync"]
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def chromium(page, *args):
    """Run Chromium headless on the file page with args; returns its stdout."""
    assert Path(page).is_file(), "no page at %s" % page  # Chromium would show its own error page
    with tempfile.TemporaryDirectory(prefix="chromium-") as profile:
        command = [str(CHROMIUM)] + _FLAGS + ["--user-data-dir=%s" % profile] + list(args) + [Path(page).as_uri()]
        proc = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, universal_newlines=True,
                              timeout=120, check=True)
    return proc.stdout


class Element(object):
    def __init__(self, tag, attrs):
        self.tag, self.attrs, self.children, self.parts = tag, dict(attrs), [], []

    @property
    def text(self):
        """The text inside, its whitespace collapsed."""
        return " ".join("".join(part if isinstance(part, str) else part.text for part in self.parts).split())

    def iter(self, tag=None, **attrs):
        """Descendants (depth first) with this tag and these attribute values (class_ for class: one of them)."""
        for child in self.children:
            if self._matches(child, tag, attrs):
                yield child
            yield from child.iter(tag, **attrs)

    @staticmethod
    def _matches(element, tag, attrs):
        if tag and element.tag != tag:
            return False
        for name, value in attrs.items():
            if name == "class_":
                if value not in element.attrs.get("class", "").split():
                    return False
            elif element.attrs.get(name.replace("_", "-")) != value:
                return False
        return True

    def find(self, tag=None, **attrs):
        return next(self.iter(tag, **attrs), None)


class _Builder(HTMLParser):
    def __init__(self):
        HTMLParser.__init__(self, convert_charrefs=True)
        self.root = Element("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        element = Element(tag, attrs)
        self.stack[-1].children.append(element)
        self.stack[-1].parts.append(element)
        if tag not in _VOID:
            self.stack.append(element)

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        self.stack[-1].parts.append(data)


def parse(markup):
    builder = _Builder()
    builder.feed(markup)
    builder.close()
    return builder.root


def dom(page):
    """The DOM Chromium built from the file page, as an Element tree."""
    return parse(chromium(page, "--dump-dom"))

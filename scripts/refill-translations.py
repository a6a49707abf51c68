#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""After a text moved between classes (its translation context changed), `ninja update_translations`
marks it unfinished in its new context and vanished in its old one. This fills each unfinished entry
from a copy of the .ts made before lupdate ran (same source text) and drops the vanished ones.

    cp translations/latentlab_zh_CN.ts /tmp/before.ts
    ninja -C build update_translations
    scripts/refill-translations.py /tmp/before.ts translations/latentlab_zh_CN.ts
Prints how many entries are still unfinished (new texts: translate them by hand)."""
import re
import sys

before, ts = sys.argv[1], sys.argv[2]
known = {}
for m in re.finditer(r"<message>(.*?)</message>", open(before, encoding="utf-8").read(), re.S):
    source = re.search(r"<source>(.*?)</source>", m.group(1), re.S).group(1)
    t = re.search(r'<translation(?: type="(\w+)")?>(.*?)</translation>', m.group(1), re.S)
    if t and t.group(2) and (t.group(1) != "unfinished" or source not in known):
        known[source] = t.group(2)


def fill(m):
    block = m.group(0)
    source = re.search(r"<source>(.*?)</source>", block, re.S).group(1)
    if source in known:
        block = re.sub(r'<translation type="unfinished">.*?</translation>|<translation type="unfinished"/>',
                       lambda _: "<translation>" + known[source] + "</translation>", block, flags=re.S)
    return block


text = re.sub(r"<message>.*?</message>", fill, open(ts, encoding="utf-8").read(), flags=re.S)
text = re.sub(r'\n\s*<message>(?:(?!</message>).)*?type="vanished"(?:(?!</message>).)*?</message>', "", text, flags=re.S)
open(ts, "w", encoding="utf-8").write(text)
print(text.count('type="unfinished"'), "unfinished")

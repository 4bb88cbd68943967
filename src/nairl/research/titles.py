"""The key two titles share when they name the same work, however each was typed.

Plain Python: LaTeX commands and braces removed (`{\\"o}` → o), accents stripped (NFKD), case
folded, punctuation and spaces removed (so Korean titles spaced differently still meet).
"""

import re
import unicodedata

# \"o, \'{e}, \c{c}: the accent command goes, its letter stays. \emph, \textit: the word goes.
LATEX_ACCENT = re.compile(r"\\[`'^\"~=.uvHckrbd](?![a-zA-Z])|\\[uvHckrbd](?=\{)")
LATEX_COMMAND = re.compile(r"\\[a-zA-Z]+\*?")
MAX_KEY = 300


def title_key(title: str) -> str:
    text = LATEX_ACCENT.sub("", title)
    text = LATEX_COMMAND.sub("", text)
    text = unicodedata.normalize("NFKD", text)
    kept = [
        char
        for char in text
        if not unicodedata.combining(char) and unicodedata.category(char)[0] in "LN"
    ]
    # NFKD splits Hangul syllables into jamo; put them back so keys stay short and readable.
    return unicodedata.normalize("NFC", "".join(kept).casefold())[:MAX_KEY]

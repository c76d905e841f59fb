"""Shortcuts through markdown-it's inline parse for the texts a report is made of.

markdown-it parses the text of every paragraph, heading, list item and table cell with the
whole set of its inline rules, in pure Python: that was a third of an HTML report's conversion.
Nearly all of a report's texts are plain (a table cell, a sentence) or one emphasised lead-in
(``**Doing:** ...``, ``*Stage: ...*``). For those, the tokens the full parse would make are
built here directly; any other text goes to the full parse. The shortcuts turn themselves off
when the parser has an inline rule not known here (a plugin's), since its characters cannot be
told; tests compare their HTML with markdown-it's own over generated texts.
"""

from __future__ import annotations

import re
from typing import Any, Callable, Optional

# The characters at which each of markdown-it's inline rules can start to act. Everywhere else
# the ``text`` rule takes the character as text, so a run with none of them is one text token.
_INLINE_RULE_CHARACTERS = {"text": "", "newline": "\n", "escape": "\\", "backticks": "`",
                           "strikethrough": "~", "emphasis": "*_", "link": "[", "image": "!",
                           "autolink": "<", "html_inline": "<", "entity": "&", "linkify": ":"}

Shortcut = Callable[[str], Optional[list[Any]]]


def use_inline_shortcuts(parser: Any) -> bool:
    """Put the shortcuts in ``parser``'s core ``inline`` rule; False (parser unchanged) when it
    has an inline rule not known here."""
    characters = _acting_characters(parser)
    if characters is None:
        return False
    shortcuts = [_plain_text(_any_of(characters))]
    emphasised = _emphasised_lead(parser, characters)
    if emphasised is not None:
        shortcuts.append(emphasised)
    parser.core.ruler.at("inline", _inline_rule(shortcuts))
    return True


def characters_inline_rules_act_on(parser: Any) -> Optional[re.Pattern[str]]:
    """A pattern of the characters the parser's inline rules act on, or None when it has a
    rule not known here (a plugin's), whose characters cannot be told."""
    characters = _acting_characters(parser)
    return None if characters is None else _any_of(characters)


def _any_of(characters: str) -> re.Pattern[str]:
    return re.compile(f"[{re.escape(characters)}]" if characters else "(?!)")


def _acting_characters(parser: Any) -> Optional[str]:
    names = parser.inline.ruler.get_active_rules()
    if any(name not in _INLINE_RULE_CHARACTERS for name in names):
        return None
    return "".join(_INLINE_RULE_CHARACTERS[name] for name in names)


def _inline_rule(shortcuts: list[Shortcut]) -> Any:
    """markdown-it's core ``inline`` rule, with the first shortcut that takes a text making its
    tokens in place of the full parse."""

    def inline(state: Any) -> None:
        for token in state.tokens:
            if token.type != "inline":
                continue
            if token.children is None:
                token.children = []
            for shortcut in shortcuts:
                children = shortcut(token.content)
                if children is not None:
                    token.children.extend(children)
                    break
            else:
                state.md.inline.parse(token.content, state.md, state.env, token.children)

    return inline


def _plain_text(acting: re.Pattern[str]) -> Shortcut:
    """A text with no character an inline rule acts on: the single text token it parses to
    (none for an empty text, such as an empty table cell)."""
    from markdown_it.token import Token

    def shortcut(content: str) -> Optional[list[Any]]:
        if not content:
            return []
        if acting.search(content) is not None:
            return None
        return [Token("text", "", 0, content=content)]

    return shortcut


def _emphasised_lead(parser: Any, acting: str) -> Optional[Shortcut]:
    """``*a*b`` and ``**a**b`` where a and b are plain (b may be empty): em or strong around a,
    when CommonMark's flanking rules make the two runs of asterisks open and close (they do for
    every lead-in a report writes; a text where they might not goes to the full parse)."""
    if "emphasis" not in parser.inline.ruler.get_active_rules():
        return None
    try:
        from markdown_it.common.utils import isMdAsciiPunct, isPunctChar, isWhiteSpace
        from markdown_it.token import Token
    except ImportError:  # a markdown-it whose helpers moved: the full parse does it all
        return None
    plain = f"[^{re.escape(acting)}]"
    shape = re.compile(rf"(\*\*?)({plain}+)\1({plain}*)")

    def punctuation(character: str) -> bool:
        return isMdAsciiPunct(ord(character)) or isPunctChar(character)

    def closes(last: str, following: str) -> bool:
        # The closing run is right-flanking: not after whitespace, and after punctuation only
        # when whitespace or punctuation follows. (The opening run, at the start of the text,
        # is left-flanking whenever no whitespace follows it.)
        if isWhiteSpace(ord(last)):
            return False
        return not punctuation(last) or isWhiteSpace(ord(following)) or punctuation(following)

    def shortcut(content: str) -> Optional[list[Any]]:
        match = shape.fullmatch(content)
        if match is None:
            return None
        markup, inner, rest = match.groups()
        if isWhiteSpace(ord(inner[0])) or not closes(inner[-1], rest[:1] or " "):
            return None
        tag = "strong" if len(markup) == 2 else "em"
        # As markdown-it leaves them: strong keeps an empty text where its first "*" was.
        tokens = [Token("text", "", 0)] if tag == "strong" else []
        tokens += [Token(f"{tag}_open", tag, 1, markup=markup),
                   Token("text", "", 0, content=inner, level=1),
                   Token(f"{tag}_close", tag, -1, markup=markup)]
        if rest:
            tokens.append(Token("text", "", 0, content=rest))
        return tokens

    return shortcut

"""Numbers as written in Chinese policy text, read by the Rust core.

>>> from zhengce.numbers import parse_chinese_numeral, read_number
>>> parse_chinese_numeral("一百零五")
105
>>> read_number("53.9万建档立卡贫困对象")
(539000.0, 5, False)
"""
from __future__ import annotations

from ._zhengce import parse_chinese_numeral as _parse, read_number as _read


def parse_chinese_numeral(text: str) -> int | None:
    """The value of a whole Chinese numeral (一百零五, 两千, 二○一二), or None if it is not one."""
    return _parse(text)


def read_number(text: str) -> tuple[float, int, bool] | None:
    """Read the number at the start of ``text``: (value, end, is_percent), ``end`` a character offset.

    Arabic and full-width digits, decimals, thousands separators, Chinese numerals,
    万/亿 multipliers and percentages (20%, ２０％, 百分之二十) are read.
    """
    return _read(text)


__all__ = ["parse_chinese_numeral", "read_number"]

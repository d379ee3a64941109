"""CJK radical code points a PDF's text may hold where the page shows an ordinary character.

A font draws 长 and the radical ⻓ (U+2ED3) with one glyph; a PDF writer that keeps one code point per glyph
(Chromium's does, taking the lowest) then gives the radical, which Unicode NFKC leaves alone (the Kangxi
radicals U+2F00–U+2FDF it does map, so they are not listed here). Each radical of the CJK Radicals Supplement
below stands for the ideograph that shares its glyph in Noto Sans CJK SC, the font the project's PDFs use
(fonts-noto-cjk); derived with fontTools from that font's cmap (the code points of each glyph):

    cmap = TTCollection("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc").fonts[SC].getBestCmap()
    radical -> the lowest code point in U+3400–U+9FFF with the same glyph
"""
RADICAL_TO_IDEOGRAPH = str.maketrans({
    "\u2e82": "乛", "\u2e83": "乚", "\u2e85": "亻", "\u2e89": "刂", "\u2e8b": "㔾", "\u2e8f": "尣",
    "\u2e90": "尢", "\u2e92": "巳", "\u2e93": "幺", "\u2e94": "彑", "\u2e95": "彐", "\u2e96": "忄",
    "\u2e98": "扌", "\u2e99": "攵", "\u2e9b": "旡", "\u2e9e": "歺", "\u2e9f": "母", "\u2ea0": "民",
    "\u2ea1": "氵", "\u2ea3": "灬", "\u2ea4": "爫", "\u2ea6": "丬", "\u2ea8": "犭", "\u2ead": "礻",
    "\u2eaf": "糹", "\u2eb0": "纟", "\u2eb1": "罓", "\u2eb3": "㓁", "\u2eb9": "耂", "\u2eba": "肀",
    "\u2ebe": "艹", "\u2ec2": "衤", "\u2ec5": "见", "\u2ec6": "角", "\u2ec8": "讠", "\u2ec9": "贝",
    "\u2ecb": "车", "\u2ecc": "辶", "\u2ed0": "钅", "\u2ed1": "長", "\u2ed2": "镸", "\u2ed3": "长",
    "\u2ed4": "门", "\u2ed6": "阝", "\u2ed8": "青", "\u2ed9": "韦", "\u2eda": "页", "\u2edb": "风",
    "\u2edc": "飞", "\u2edd": "食", "\u2edf": "飠", "\u2ee0": "饣", "\u2ee2": "马", "\u2ee3": "骨",
    "\u2ee4": "鬼", "\u2ee5": "鱼", "\u2ee6": "鸟", "\u2ee7": "卤", "\u2ee8": "麦", "\u2ee9": "黄",
    "\u2eea": "黾", "\u2eeb": "斉", "\u2eec": "齐", "\u2eee": "齿", "\u2eef": "竜", "\u2ef0": "龙",
    "\u2ef1": "龜", "\u2ef2": "亀", "\u2ef3": "龟",
})

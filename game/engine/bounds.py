"""The range every number in a game stays inside, so no content can grow a value without bound.

A formula such as ``money * money + 2`` applied every choice would otherwise build integers of
thousands of digits within a dozen choices and hang the game. Every literal and every computed
value lies within ±LIMIT: literals are checked when content loads, computed values when a game
runs, each with a clear message instead of a crash or a hang.
"""

LIMIT = 10**15

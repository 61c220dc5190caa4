"""The campaign loader, one file per construct, as ink splits its parser.

``read`` turns files into data (and TOML errors into problems), ``keys`` holds the one table of
keys, ``tables`` the campaign-level tables, ``scenes`` scenes and choices, ``rules`` the scoring
rules, ``gates`` the gates, ``values`` the values that name things (expressions, amounts, text),
``crosscheck`` what needs the whole campaign, and ``loader`` puts them in order.
"""

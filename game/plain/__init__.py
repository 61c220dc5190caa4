"""The plain way to play: the story, numbered choices and what they did as lines of text.

No full screen, no colour, no cursor movement and no box art, so it reads the same through a pipe,
a screen reader, a braille display, ``TERM=dumb`` or a slow link. It drives the same ``Play`` the
full-screen game does and never imports the UI (an import contract checks it).
"""

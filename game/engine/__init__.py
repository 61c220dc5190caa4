"""The headless game engine: pure logic, no Textual or Rich, no I/O beyond reading content."""

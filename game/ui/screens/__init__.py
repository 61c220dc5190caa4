"""One screen a file, each with its TCSS beside it."""

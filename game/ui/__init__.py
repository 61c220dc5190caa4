"""The Textual shell around the engine: screens, widgets and their TCSS."""

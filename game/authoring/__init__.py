"""Tools for story authors: checking, simulating and drawing campaigns, all headless."""

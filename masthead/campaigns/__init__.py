"""Appeals that ask readers to contribute: campaigns, variants, targeting and their results."""

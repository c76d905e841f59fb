"""The site's templates and stylesheet (``cjmap site``), read with importlib.resources."""

"""cjmap: customer journey maps kept as plain-text YAML files in git.

The package is usable from Python without the command line::

    from cjmap.validate import validate_file
    result = validate_file("examples/new-tenants.yaml")

Nothing below :mod:`cjmap.cli` prints or exits.
"""

__version__ = "0.1.0"

"""One module per ``cjmap`` sub-command; registered in :mod:`cjmap.cli`."""

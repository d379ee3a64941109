"""The yearly monitoring workbooks: the template analysts fill in, and reading what they save."""

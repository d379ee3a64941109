"""The core: the project's vocabulary, shared by every stage and imported by all of them.

    errors      InputError (file, place, problem, fix), ParameterError, an OS error in the project's words
    paths       where things live: the project's folders and the processed files' names
    config      config/*.yaml read with line numbers: the counties' plans, the indicator catalogue
    periods     plan periods (十四五, 十五五): which plan covers a year, its phase, its name
    records     what the data step records: observations, cleaning decisions, checks
    text        reading text files, normalising Chinese text and names
    values      a number from a cell, checked for plausible magnitude
    formatting  numbers and percentages as a reader sees them
    wording     every word a reader sees, one YAML file per language

The core imports nothing outside itself (a test keeps it so): it can be read first, alone.
"""

"""Files in and out: how every step writes its outputs safely and reads the processed tables back.

    atomic       outputs written whole or not at all; a set of outputs replaced together
    outputs      CSV and Excel outputs (a cell never starts a formula; readable column widths)
    fingerprint  inputs identified by their content, so make reruns a step only when an input changed
    processed    reading the processed tables back: the contract between the data step and the later ones

It imports only the core (a test keeps it so).
"""

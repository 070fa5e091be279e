"""ICWS facts, written once: names, headers, cookies, errors, secrets, operations, dates.

Everything here comes from the vendor's reference or from real servers (see PROTOCOL.md's
``[real]``/``[doc]``/``[guess]`` marks in the modules) and imports nothing else of the
project, so the client, the simulator and the recorder all read the same facts.
"""

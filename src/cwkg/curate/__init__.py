"""Curation: what a curator's browser asks of data/, with every save checked and safe.

The stage after ``ingest``, below ``web``: a read (:func:`.review.open_source`) gives a
source's text, its claims as cards and the claims file's version; every write takes
that version back and is refused with a :class:`.files.Conflict` if the file changed
meanwhile, or with a :class:`.saving.Refused` (each finding on its field) if the change
is malformed or would break ``cwkg build``; nothing is written then. A write keeps
every line the curator did not change (:mod:`.roundtrip`).

- :mod:`.edits`: edit a claim's fields; a new claim from a selection of the text;
- :mod:`.decisions`: accept, reject, accept all that can be (the CLI's own code);
- :mod:`.documents`: add a document from a form (``cwkg add``'s code);
- :mod:`.findings`, :mod:`.inputs`: what is checked, on which field.
"""

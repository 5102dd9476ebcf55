"""The export formats and their files' extensions, in a module that imports nothing: the
build folder's file names (:mod:`cwkg.build.layout`) are read by the walk every query
begins before pyoxigraph is imported (:mod:`cwkg.cli.early`)."""

FORMATS = {"turtle": ".ttl", "trig": ".trig", "nquads": ".nq", "jsonld": ".jsonld"}

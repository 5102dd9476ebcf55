"""The cwkg ontology, shapes and JSON-LD context, shipped in the package as cwkg.ontology (see cwkg.resources)."""

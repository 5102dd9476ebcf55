"""The stored SPARQL questions, shipped in the package as cwkg.queries (see cwkg.resources)."""

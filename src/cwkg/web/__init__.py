"""The graph in a browser: ``cwkg web`` (a server on 127.0.0.1) and ``cwkg site`` (the same
read views as static HTML).

Everything shown comes from the last build, read through :func:`cwkg.web.graph.open_graph`,
and is asked with SPARQL through the query stage; the pages are rendered on the server
(Jinja2, autoescaped), readable without JavaScript.
"""

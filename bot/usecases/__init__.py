"""Use cases: small async functions, keyword-only dependencies, one unit of work and an
explicit commit each. They return views or domain objects, never platform payloads."""

"""HTTP and command-line surfaces: translate requests into calls to layers and gis."""

"""The city beyond complaints: traffic accidents and their blackspots, population
and poverty per kelurahan, and the command room's "Kota" panel.

* :mod:`layers.city.tables`: the tables (migration 0010);
* :mod:`layers.city.accidents`: the ``accidents`` layer and its import (geocoding
  records without coordinates against SIGAP's roads, in :mod:`.geocode`);
* :mod:`layers.city.blackspots`: the blackspot run (maths in :mod:`gis.blackspots`);
* :mod:`layers.city.indicators`: ``kelurahan_indicators`` and its import;
* :mod:`layers.city.demo`: synthetic accidents and indicators for the demo city;
* :mod:`layers.city.panel`: the numbers of the command room's "Kota" panel;
* :mod:`layers.city.brief_lines`: the brief's city lines, from those numbers.
"""

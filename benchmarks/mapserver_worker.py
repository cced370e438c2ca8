"""MapServer 8 side of benchmarks/wms.py, run by Debian's python3 (python3-mapscript).

    /usr/bin/python3 benchmarks/mapserver_worker.py MAPFILE REQUESTS.json [SECONDS]

Renders each request (bbox in EPSG:3857, width, height) in-process — standing for
MapServer behind FastCGI — and prints the per-request seconds as JSON. With
SECONDS, it instead renders the requests round-robin for that long and prints how
many it finished.
"""

import json
import sys
import time

import mapscript


def render(m, request):
    minx, miny, maxx, maxy = request["bbox"]
    m.setSize(request["width"], request["height"])
    m.setExtent(minx, miny, maxx, maxy)
    image = m.draw()
    return image.getBytes()


def main():
    m = mapscript.mapObj(sys.argv[1])
    with open(sys.argv[2]) as handle:
        requests = json.load(handle)
    if len(sys.argv) > 3:
        stop = time.perf_counter() + float(sys.argv[3])
        done = 0
        while time.perf_counter() < stop:
            render(m, requests[done % len(requests)])
            done += 1
        print(json.dumps({"done": done}))
        return
    timings = []
    for request in requests:
        start = time.perf_counter()
        render(m, request)
        timings.append(time.perf_counter() - start)
    print(json.dumps(timings))


if __name__ == "__main__":
    main()

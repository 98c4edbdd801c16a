"""Great-circle distances in kilometres (haversine; plenty for distances within a country).

Vectorised with numpy: the engine measures hundreds of thousands of student–place pairs at
once. Missing coordinates are NaN and give NaN.
"""

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .model import Location

EARTH_RADIUS_KM = 6371.0088

_EACH = slice(None)


def km_between(
    lat1: ArrayLike,
    lon1: ArrayLike,
    lat2: ArrayLike,
    lon2: ArrayLike,
    first: NDArray[np.int64] | slice = _EACH,
    second: NDArray[np.int64] | slice = _EACH,
) -> NDArray:
    """Distances between points given in degrees, as arrays (or lists): element-wise, or
    between point ``first[i]`` of the first set and point ``second[i]`` of the second. Each
    point's radians and cosine are computed once, however many pairs it is in (a student is
    in ten)."""
    phi1, lambda1, phi2, lambda2 = (
        np.radians(np.asarray(x, dtype=np.float64)) for x in (lat1, lon1, lat2, lon2)
    )
    cos1, cos2 = np.cos(phi1)[first], np.cos(phi2)[second]
    h = (
        np.sin((phi2[second] - phi1[first]) / 2) ** 2
        + cos1 * cos2 * np.sin((lambda2[second] - lambda1[first]) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.minimum(1.0, h)))


def haversine_km(a: Location, b: Location) -> float:
    return float(km_between([a.lat], [a.lon], [b.lat], [b.lon])[0])

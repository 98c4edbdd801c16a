"""Great-circle distances in kilometres (haversine; plenty for distances within a country).

Vectorised with numpy: the engine measures hundreds of thousands of student–place pairs at
once. Missing coordinates are NaN and give NaN.
"""

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .model import Location

EARTH_RADIUS_KM = 6371.0088


def km_between(lat1: ArrayLike, lon1: ArrayLike, lat2: ArrayLike, lon2: ArrayLike) -> NDArray:
    """Element-wise distances between points given in degrees."""
    lat1, lon1, lat2, lon2 = (
        np.radians(np.asarray(x, dtype=np.float64)) for x in (lat1, lon1, lat2, lon2)
    )
    h = (
        np.sin((lat2 - lat1) / 2) ** 2
        + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.minimum(1.0, h)))


def haversine_km(a: Location, b: Location) -> float:
    return float(km_between([a.lat], [a.lon], [b.lat], [b.lon])[0])

"""crosswire: cross-checked, geolocated conflict event data from news reported by opposing sides."""

__version__ = "0.1.0"

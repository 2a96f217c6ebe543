"""upload_to helpers: random file names under a per-model folder."""

import uuid
from pathlib import PurePath

from django.utils.deconstruct import deconstructible


@deconstructible
class RandomName:
    """Store uploads as <folder>/<random hex>.<ext> so names never collide or leak."""

    def __init__(self, folder):
        self.folder = folder

    def __call__(self, instance, filename):
        suffix = PurePath(filename).suffix.lower()[:10]
        return f"{self.folder}/{uuid.uuid4().hex}{suffix}"

    def __eq__(self, other):
        return isinstance(other, RandomName) and other.folder == self.folder

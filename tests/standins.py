"""Stand-in datasets in the real on-disk formats, for the full-profile dry runs.

The files are tiny and random, but laid out exactly as the real downloads are, so a notebook's
real loading code runs against them. A section that adds a dataset adds its writer here and to
WRITERS.
"""
import pickle
import struct
from pathlib import Path

import numpy as np
from PIL import Image


def _idx(path: Path, array: np.ndarray) -> None:
    """IDX format (MNIST): magic (0, 0, dtype=0x08 ubyte, ndim), big-endian dims, raw bytes."""
    header = struct.pack(">BBBB", 0, 0, 0x08, array.ndim) + struct.pack(f">{array.ndim}I", *array.shape)
    path.write_bytes(header + array.astype(np.uint8).tobytes())


def mnist_like(root: Path, folder: str, n_train: int = 256, n_test: int = 128, seed: int = 0) -> None:
    """torchvision's MNIST / FashionMNIST layout: <root>/<folder>/raw/*-ubyte (uncompressed)."""
    rng = np.random.default_rng(seed)
    raw = root / folder / "raw"
    raw.mkdir(parents=True, exist_ok=True)
    for prefix, n in (("train", n_train), ("t10k", n_test)):
        _idx(raw / f"{prefix}-images-idx3-ubyte", rng.integers(0, 256, (n, 28, 28)))
        _idx(raw / f"{prefix}-labels-idx1-ubyte", np.arange(n) % 10)


def cifar10(root: Path, n_per_batch: int = 100, seed: int = 0) -> None:
    """The python version of CIFAR-10: pickled dicts with b'data' (N×3072 uint8) and b'labels'."""
    rng = np.random.default_rng(seed)
    base = root / "cifar-10-batches-py"
    base.mkdir(parents=True, exist_ok=True)
    names = ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"]
    for name in [f"data_batch_{i}" for i in range(1, 6)] + ["test_batch"]:
        batch = {b"batch_label": name.encode(), b"labels": [int(i % 10) for i in range(n_per_batch)],
                 b"data": rng.integers(0, 256, (n_per_batch, 3072), dtype=np.uint8),
                 b"filenames": [f"{name}_{i}.png".encode() for i in range(n_per_batch)]}
        with open(base / name, "wb") as f:
            pickle.dump(batch, f)
    with open(base / "batches.meta", "wb") as f:
        pickle.dump({b"label_names": [n.encode() for n in names], b"num_cases_per_batch": n_per_batch,
                     b"num_vis": 3072}, f)


def oxford_pet(root: Path, n: int = 24, seed: int = 0) -> None:
    """torchvision's OxfordIIITPet layout: images/*.jpg, annotations/trimaps/*.png (1 pet,
    2 background, 3 border), annotations/{trainval,test}.txt with 'name class species breed'."""
    rng = np.random.default_rng(seed)
    base = root / "oxford-iiit-pet"
    (base / "images").mkdir(parents=True, exist_ok=True)
    (base / "annotations" / "trimaps").mkdir(parents=True, exist_ok=True)
    lines = []
    for i in range(n):
        name = f"Abyssinian_{i + 1}" if i % 2 else f"american_bulldog_{i + 1}"
        h, w = int(rng.integers(96, 160)), int(rng.integers(96, 160))
        Image.fromarray(rng.integers(0, 256, (h, w, 3), dtype=np.uint8)).save(base / "images" / f"{name}.jpg")
        trimap = np.full((h, w), 2, np.uint8)
        trimap[h // 4: 3 * h // 4, w // 4: 3 * w // 4] = 1
        trimap[h // 4, w // 4: 3 * w // 4] = 3
        Image.fromarray(trimap).save(base / "annotations" / "trimaps" / f"{name}.png")
        lines.append(f"{name} {1 + i % 2} {1 + i % 2} 1")
    half = n // 2
    (base / "annotations" / "trainval.txt").write_text("\n".join(lines[:half]) + "\n")
    (base / "annotations" / "test.txt").write_text("\n".join(lines[half:]) + "\n")


WRITERS = {
    "MNIST": lambda root: mnist_like(root, "MNIST"),
    "FashionMNIST": lambda root: mnist_like(root, "FashionMNIST", seed=1),
    "CIFAR-10": cifar10,
    "Oxford-IIIT Pet": oxford_pet,
}


def write_all(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for write in WRITERS.values():
        write(root)
    return root
